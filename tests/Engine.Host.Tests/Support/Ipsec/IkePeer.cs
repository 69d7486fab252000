using System;
using System.Collections.Generic;
using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Events;
using Engine.Ike.Network;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>One host of an <see cref="IkePair"/>: a real IKE engine and a real data plane with a test TUN device and ESP socket.</summary>
internal sealed class IkePeer : IIkeEventSink, IDisposable
{
    private readonly OutboundPacketLoop outbound;
    private readonly InboundPacketLoop inbound;

    public IkePeer(IPAddress address, IkePolicy policy, IIkeDatagramTransport transport, TimeProvider clock)
    {
        Address = address;
        Policy = policy;
        Plane = new IpsecDataPlane(timeProvider: clock);
        Kernel = new DataPlaneKernel(Plane);
        outbound = Plane.CreateOutboundLoop(Tun);
        inbound = Plane.CreateInboundLoop(Bind = new TestBind(address));
        Engine = new IkeEngine(new IkeEngineOptions(), policy, transport, Kernel, this, clock);
    }

    public IPAddress Address { get; }

    public IkePolicy Policy { get; }

    public IkeEngine Engine { get; }

    public IpsecDataPlane Plane { get; }

    public DataPlaneKernel Kernel { get; }

    public TestTun Tun { get; } = new();

    public TestBind Bind { get; }

    public List<IkeEvent> Events { get; } = new();

    public void Publish(IkeEvent ikeEvent) => Events.Add(ikeEvent);

    /// <summary>The host routes <paramref name="packet"/> into the TUN device; the data plane seals it. Returns the ESP packet it sent.</summary>
    public (byte[] Esp, IPAddress Destination) Seal(byte[] packet)
    {
        var before = Bind.Sent.Count;
        Tun.Inject(packet);
        outbound.ProcessNext();
        Assert.True(Bind.Sent.Count == before + 1, $"the data plane of {Address} did not send the packet as ESP");
        return Bind.Sent[^1];
    }

    /// <summary>An ESP packet arrives (as a whole IPv4 packet); returns what the data plane wrote to the TUN device, if anything.</summary>
    public byte[]? Open(byte[] ipv4Packet, IPAddress source)
    {
        var before = Tun.Written.Count;
        Bind.Deliver(ipv4Packet, source);
        inbound.ProcessNext();
        return Tun.Written.Count > before ? Tun.Written[^1] : null;
    }

    public void Dispose()
    {
        Engine.Dispose();
        outbound.Dispose();
        inbound.Dispose();
        Plane.Dispose();
    }
}
