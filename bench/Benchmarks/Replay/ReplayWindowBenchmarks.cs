using System;
using BenchmarkDotNet.Attributes;
using Engine.DataPlane.Replay;

namespace IpSecPolicy.Benchmarks.Replay;

/// <summary>
/// The inbound anti-replay window (Engine.DataPlane/Replay) as the data plane uses it per packet:
/// <c>Check</c> before authentication, <c>TryAccept</c> after it. One operation is a batch of
/// <see cref="Batch"/> packets, so that the figure per packet is the batch time divided by it.
/// </summary>
public class ReplayWindowBenchmarks
{
    /// <summary>Packets per benchmark operation.</summary>
    public const int Batch = 4096;

    /// <summary>In order, as one sender on one path delivers them.</summary>
    public const string InOrder = "in order";

    /// <summary>Each group of 32 arrives in a shuffled order, as after parallel paths or queues.</summary>
    public const string Reordered = "reordered";

    /// <summary>Every packet twice (the second a replay the window must refuse).</summary>
    public const string Duplicated = "duplicated";

    private ulong[] sequence = [];
    private ReplayWindow window = new(ReplayWindow.DefaultSize, false);
    private ulong next;

    [Params(64, 4096)]
    public int Size { get; set; }

    [Params(InOrder, Reordered, Duplicated)]
    public string Pattern { get; set; } = InOrder;

    [Params(false, true)]
    public bool Esn { get; set; }

    public static string[] Patterns => [InOrder, Reordered, Duplicated];

    [GlobalSetup]
    public void Setup()
    {
        window = new ReplayWindow(Size, Esn);
        sequence = Offsets(Pattern);
        next = 1;
    }

    /// <summary>The packets' sequence numbers relative to the batch's start (fixed seed: every run the same).</summary>
    private static ulong[] Offsets(string pattern)
    {
        switch (pattern)
        {
            case InOrder:
                return Fill(new ulong[Batch]);
            case Reordered:
                var shuffled = Fill(new ulong[Batch]);
                var random = new Random(6);
                for (int group = 0; group < Batch; group += 32)
                {
                    random.Shuffle(shuffled.AsSpan(group, 32));
                }

                return shuffled;
            case Duplicated:
                var twice = new ulong[Batch];
                for (int i = 0; i < Batch; i++)
                {
                    twice[i] = (ulong)(i / 2);
                }

                return twice;
            default:
                throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown pattern.");
        }
    }

    private static ulong[] Fill(ulong[] offsets)
    {
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = (ulong)i;
        }

        return offsets;
    }

    /// <summary>Check then accept each packet of the batch; returns how many were accepted.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int CheckAndAccept()
    {
        int accepted = 0;
        ulong start = next;
        foreach (ulong offset in sequence)
        {
            ulong number = start + offset;
            if (window.Check((uint)number, out ulong inferred) == ReplayVerdict.Accept && window.TryAccept(inferred))
            {
                accepted++;
            }
        }

        // The next batch starts past this one (wrapping the 32-bit wire number with ESN only).
        next = start + (ulong)Batch;
        if (!Esn && next > uint.MaxValue - Batch)
        {
            window = new ReplayWindow(Size, Esn);
            next = 1;
        }

        return accepted;
    }
}
