using System.Net;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Tests.Support;

/// <summary>One side of a back-to-back test: a data plane with a fake TUN device and fake binds.</summary>
public sealed class TestHost : IDisposable
{
    private readonly List<InboundPacketLoop> inboundLoops = [];
    private OutboundPacketLoop? outboundLoop;

    public TestHost(string name, FakeNetwork network, IPAddress outer, IPAddress inner, AddressRange innerRange, IpsecDataPlane plane,
        RecordingEvents events, RecordingIkeReceiver ike, bool threads)
    {
        Name = name;
        Outer = outer;
        Inner = inner;
        InnerRange = innerRange;
        Plane = plane;
        Events = events;
        Ike = ike;
        Tun = new FakeTunDevice($"{name}-tun");
        EspBind = network.Bind(DatagramEndpointKind.Esp, outer);
        AhBind = network.Bind(DatagramEndpointKind.Ah, outer);
        UdpBind = network.Bind(DatagramEndpointKind.NatTraversal, outer, 4500);
        if (threads)
        {
            plane.AttachTun(Tun);
            plane.AttachBind(EspBind);
            plane.AttachBind(AhBind);
            plane.AttachBind(UdpBind);
        }
        else
        {
            outboundLoop = plane.CreateOutboundLoop(Tun);
            inboundLoops.Add(plane.CreateInboundLoop(EspBind));
            inboundLoops.Add(plane.CreateInboundLoop(AhBind));
            inboundLoops.Add(plane.CreateInboundLoop(UdpBind));
        }
    }

    public string Name { get; }

    /// <summary>The SA endpoint address.</summary>
    public IPAddress Outer { get; }

    /// <summary>The address applications here use (a LAN host in tunnel mode, the endpoint in transport mode).</summary>
    public IPAddress Inner { get; }

    public AddressRange InnerRange { get; }

    /// <summary>Where applications here send to reach the other host (its public address behind a NAT in transport mode).</summary>
    public IPAddress PeerApplicationAddress { get; set; } = IPAddress.None;

    public IpsecDataPlane Plane { get; }

    public RecordingEvents Events { get; }

    public RecordingIkeReceiver Ike { get; }

    public FakeTunDevice Tun { get; }

    public FakeDatagramBind EspBind { get; }

    public FakeDatagramBind AhBind { get; }

    public FakeDatagramBind UdpBind { get; }

    public SecurityAssociation? Outbound { get; set; }

    public SecurityAssociation? Inbound { get; set; }

    public DataPlaneStatistics Statistics => Plane.GetStatistics();

    /// <summary>A UDP packet from an application here to one on the other host.</summary>
    public byte[] PacketToPeer(int payloadLength, byte seed = 1, ushort sourcePort = 40000, ushort destinationPort = 9) =>
        TestPackets.Udp(Inner, PeerApplicationAddress, sourcePort, destinationPort, TestPackets.Payload(payloadLength, seed));

    /// <summary>Processes everything pending on this host's loops; true if there was anything.</summary>
    public bool Pump()
    {
        var any = false;
        while (Tun.PendingReads > 0)
        {
            outboundLoop!.ProcessNext();
            any = true;
        }

        foreach (var loop in inboundLoops)
        {
            while (((FakeDatagramBind)loop.Bind).PendingReceives > 0)
            {
                loop.ProcessNext();
                any = true;
            }
        }

        return any;
    }

    public void Dispose() => Plane.Dispose();
}
