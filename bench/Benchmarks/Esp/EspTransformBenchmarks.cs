using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// ESP seal (outbound) and open (inbound) per transform and inner packet size. Each call first
/// copies the packet into the working buffer (the plaintext for seal, a sealed packet for open),
/// because both work in place; that copy stands for the receive into a pooled buffer and is a
/// small part of the cost (a memcpy of at most 9 KB). Steady state must allocate nothing: the
/// Allocated column is the "zero allocations per packet" check.
/// </summary>
public class EspTransformBenchmarks
{
    private EspSa outbound = null!;
    private EspSa inbound = null!;
    private byte[] plaintext = [];
    private byte[] sealedPacket = [];
    private byte[] buffer = [];
    private uint sequenceNumber;

    [ParamsSource(nameof(Transforms))]
    public string Transform { get; set; } = EspTransforms.AesGcm128;

    [Params(64, 512, 1400, 9000)]
    public int PayloadSize { get; set; }

    public static IEnumerable<string> Transforms => EspTransforms.Names;

    [GlobalSetup]
    public void Setup()
    {
        (outbound, inbound) = EspTransforms.CreatePair(Transform);
        plaintext = RandomNumberGenerator.GetBytes(PayloadSize);
        buffer = new byte[outbound.PacketLength(PayloadSize)];
        plaintext.CopyTo(buffer, outbound.PayloadOffset);
        var length = outbound.Seal(buffer, PayloadSize, ++sequenceNumber);
        sealedPacket = buffer.AsSpan(0, length).ToArray();

        // A benchmark of a failing open would measure the forgery path: check the round trip once.
        if (Open() != PayloadSize || !buffer.AsSpan(inbound.PayloadOffset, PayloadSize).SequenceEqual(plaintext))
        {
            throw new InvalidOperationException($"{Transform} does not round-trip {PayloadSize} bytes.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        outbound.Dispose();
        inbound.Dispose();
    }

    [Benchmark]
    public int Seal()
    {
        plaintext.CopyTo(buffer, outbound.PayloadOffset);
        return outbound.Seal(buffer, PayloadSize, ++sequenceNumber);
    }

    [Benchmark]
    public int Open()
    {
        sealedPacket.CopyTo(buffer, 0);
        return inbound.Open(buffer.AsSpan(0, sealedPacket.Length));
    }
}
