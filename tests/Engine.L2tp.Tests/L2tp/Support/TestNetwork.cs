using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Microsoft.Extensions.Time.Testing;

namespace Engine.L2tp.Tests.L2tp.Support;

/// <summary>
/// A LAC (our client) and an LNS (our gateway) joined by an in-memory "IPsec SA" on a fake clock.
/// Datagrams queue until <see cref="Pump"/> delivers them; <see cref="Filter"/> can drop,
/// duplicate or hold any of them, and every datagram is kept in <see cref="Wire"/> (for pcaps).
/// </summary>
public sealed class TestNetwork : IDisposable
{
    public static readonly IPEndPoint LacEndPoint = new(IPAddress.Parse("192.0.2.10"), 1701);
    public static readonly IPEndPoint LnsEndPoint = new(IPAddress.Parse("198.51.100.1"), 1701);
    public const ulong SaId = 42;

    private readonly Queue<(bool ToLns, byte[] Datagram)> queue = new();

    public TestNetwork(L2tpEndpointOptions? lacOptions = null, L2tpEndpointOptions? lnsOptions = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        LacHandler = new RecordingHandler((_, datagram) => Enqueue(toLns: true, datagram));
        LnsHandler = new RecordingHandler((_, datagram) => Enqueue(toLns: false, datagram));
        Lac = new L2tpEndpoint(lacOptions ?? Options("lac", 1), LacHandler, Time);
        Lns = new L2tpEndpoint(lnsOptions ?? Options("lns", 2), LnsHandler, Time);
    }

    public FakeTimeProvider Time { get; }

    public L2tpEndpoint Lac { get; }

    public L2tpEndpoint Lns { get; }

    public RecordingHandler LacHandler { get; }

    public RecordingHandler LnsHandler { get; }

    /// <summary>The LAC as the LNS sees it.</summary>
    public L2tpPeerKey LacKey { get; } = new(SaId, LacEndPoint);

    /// <summary>The LNS as the LAC sees it.</summary>
    public L2tpPeerKey LnsKey { get; } = new(SaId, LnsEndPoint);

    /// <summary>Every datagram sent, in order, with its direction.</summary>
    public List<(bool ToLns, byte[] Datagram)> Wire { get; } = new();

    /// <summary>Returns how many copies of a datagram to deliver (0 drops it); the default delivers each once.</summary>
    public Func<bool, byte[], int> Filter { get; set; } = (_, _) => 1;

    public static L2tpEndpointOptions Options(string hostName, int seed) => new()
    {
        HostName = hostName,
        Random = SeededRandom.Create(seed),
    };

    /// <summary>Delivers queued datagrams (and those they cause) until none is left.</summary>
    public int Pump()
    {
        var delivered = 0;
        while (queue.Count > 0)
        {
            var (toLns, datagram) = queue.Dequeue();
            if (toLns)
            {
                Lns.Receive(LacKey, datagram);
            }
            else
            {
                Lac.Receive(LnsKey, datagram);
            }

            delivered++;
        }

        return delivered;
    }

    /// <summary>Moves the fake clock in small steps, pumping after each, so timers and their answers interleave as they would.</summary>
    public void Advance(TimeSpan duration)
    {
        var step = TimeSpan.FromMilliseconds(50);
        var end = Time.GetUtcNow() + duration;
        Pump();
        while (Time.GetUtcNow() < end)
        {
            var remaining = end - Time.GetUtcNow();
            Time.Advance(remaining < step ? remaining : step);
            Pump();
        }
    }

    /// <summary>Opens a tunnel and one call from the LAC and runs until both are up.</summary>
    public (L2tpTunnel LacTunnel, L2tpSession LacSession, L2tpTunnel LnsTunnel, L2tpSession LnsSession) Connect()
    {
        var tunnel = Lac.OpenTunnel(LnsKey);
        var session = tunnel.OpenSession();
        Advance(TimeSpan.FromSeconds(1));
        var lnsTunnel = Lns.Tunnels.Single();
        var lnsSession = lnsTunnel.Sessions.Single();
        return (tunnel, session, lnsTunnel, lnsSession);
    }

    /// <summary>The control messages on the wire, decoded (ZLBs as null), with their direction.</summary>
    public List<(bool ToLns, L2tpHeader Header, ControlMessageType? Type)> ControlTrace()
    {
        var trace = new List<(bool, L2tpHeader, ControlMessageType?)>();
        foreach (var (toLns, datagram) in Wire)
        {
            L2tpHeader.TryRead(datagram, out var header);
            if (!header.IsControl)
            {
                continue;
            }

            ControlMessageType? type = header.IsZeroLengthBody ? null : (ControlMessageType)((datagram[18] << 8) | datagram[19]);
            trace.Add((toLns, header, type));
        }

        return trace;
    }

    public void Dispose()
    {
        Lac.Dispose();
        Lns.Dispose();
    }

    private void Enqueue(bool toLns, byte[] datagram)
    {
        Wire.Add((toLns, datagram));
        var copies = Filter(toLns, datagram);
        for (var i = 0; i < copies; i++)
        {
            queue.Enqueue((toLns, datagram));
        }
    }
}
