using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// Two data planes wired back to back over a <see cref="FakeNetwork"/>, with an SA pair and a
/// policy entry on each side as IKE would install them: "two engines ping" as a unit test.
/// </summary>
public sealed class BackToBack : IDisposable
{
    public const uint SpiAToB = 0x1000_0001;
    public const uint SpiBToA = 0x2000_0002;
    public const int ReqId = 7;

    private static readonly IPEndPoint NatOutsideV4 = new(IPAddress.Parse("198.51.100.7"), 31000);
    private static readonly IPEndPoint NatOutsideV6 = new(IPAddress.Parse("2001:db8:ff::7"), 31000);

    private BackToBack(ScenarioOptions options, TimeProvider? time, DataPlaneOptions? planeOptions)
    {
        Options = options;
        var v4 = options.OuterFamily == AddressFamily.InterNetwork;
        var outerA = IPAddress.Parse(v4 ? "192.0.2.1" : "2001:db8::1");
        var outerB = IPAddress.Parse(v4 ? "192.0.2.2" : "2001:db8::2");
        var tunnel = options.Mode == IpsecMode.Tunnel;
        var innerV4 = (tunnel ? options.InnerFamily : options.OuterFamily) == AddressFamily.InterNetwork;
        var innerA = tunnel ? IPAddress.Parse(innerV4 ? "10.1.0.10" : "fd00:1::10") : outerA;
        var innerB = tunnel ? IPAddress.Parse(innerV4 ? "10.2.0.20" : "fd00:2::20") : outerB;
        var rangeA = tunnel ? AddressRange.Prefix(IPAddress.Parse(innerV4 ? "10.1.0.0" : "fd00:1::"), innerV4 ? 24 : 64) : AddressRange.Host(outerA);
        var rangeB = tunnel ? AddressRange.Prefix(IPAddress.Parse(innerV4 ? "10.2.0.0" : "fd00:2::"), innerV4 ? 24 : 64) : AddressRange.Host(outerB);

        var publicA = new IPEndPoint(outerA, 4500);
        if (options.NatInFrontOfA)
        {
            publicA = v4 ? NatOutsideV4 : NatOutsideV6;
            Network.Nat(new IPEndPoint(outerA, 4500), publicA);

            // Behind the NAT, B knows A by its public address only, also as a transport selector.
            if (!tunnel)
            {
                rangeA = AddressRange.Host(publicA.Address);
            }
        }

        A = CreateHost("a", outerA, innerA, rangeA, time, planeOptions);
        B = CreateHost("b", outerB, innerB, rangeB, time, planeOptions);
        A.PeerApplicationAddress = innerB;
        B.PeerApplicationAddress = tunnel ? innerA : publicA.Address;

        KeysAToB = Keys(options.Transform);
        KeysBToA = Keys(options.Transform);

        var selectorA = TrafficSelector.Between(tunnel || !options.NatInFrontOfA ? rangeA : AddressRange.Host(outerA), rangeB);
        var selectorB = TrafficSelector.Between(rangeB, rangeA);
        A.Plane.AddPolicy(new SpdEntry { Id = 1, ReqId = ReqId, Selector = selectorA, HoldPacketsWhileAcquiring = options.HoldPacketsWhileAcquiring });
        B.Plane.AddPolicy(new SpdEntry { Id = 1, ReqId = ReqId, Selector = selectorB, HoldPacketsWhileAcquiring = options.HoldPacketsWhileAcquiring });

        SpecAOutbound = Specification(SaDirection.Outbound, SpiAToB, outerA, outerB, 4500, KeysAToB, selectorA, options.SendNatKeepalivesFromA);
        SpecAInbound = Specification(SaDirection.Inbound, SpiBToA, outerA, outerB, 4500, KeysBToA, selectorA);
        SpecBOutbound = Specification(SaDirection.Outbound, SpiBToA, outerB, publicA.Address, publicA.Port, KeysBToA, selectorB);
        SpecBInbound = Specification(SaDirection.Inbound, SpiAToB, outerB, publicA.Address, publicA.Port, KeysAToB, selectorB, sink: options.SinkAtB);
        if (options.InstallSas)
        {
            InstallSas();
        }
    }

    public ScenarioOptions Options { get; }

    public FakeNetwork Network { get; } = new();

    public TestHost A { get; }

    public TestHost B { get; }

    public (byte[] Encryption, byte[] Integrity) KeysAToB { get; }

    public (byte[] Encryption, byte[] Integrity) KeysBToA { get; }

    public SaSpecification SpecAOutbound { get; }

    public SaSpecification SpecAInbound { get; }

    public SaSpecification SpecBOutbound { get; }

    public SaSpecification SpecBInbound { get; }

    public static BackToBack Create(ScenarioOptions options, TimeProvider? time = null, DataPlaneOptions? planeOptions = null) =>
        new(options, time, planeOptions);

    public void InstallSas()
    {
        B.Inbound = B.Plane.AddSa(SpecBInbound);
        A.Inbound = A.Plane.AddSa(SpecAInbound);
        A.Outbound = A.Plane.AddSa(SpecAOutbound);
        B.Outbound = B.Plane.AddSa(SpecBOutbound);
    }

    /// <summary>Pumps both hosts until nothing is pending anywhere.</summary>
    public void Pump()
    {
        while (A.Pump() | B.Pump())
        {
        }
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private static (byte[] Encryption, byte[] Integrity) Keys(TestTransform transform) =>
        (RandomNumberGenerator.GetBytes(transform.EncryptionKeySize), RandomNumberGenerator.GetBytes(transform.IntegrityKeySize));

    private TestHost CreateHost(string name, IPAddress outer, IPAddress inner, AddressRange range, TimeProvider? time, DataPlaneOptions? planeOptions)
    {
        var events = new RecordingEvents();
        var ike = new RecordingIkeReceiver();
        var plane = new IpsecDataPlane(planeOptions, events, ike, time);
        return new TestHost(name, Network, outer, inner, range, plane, events, ike, Options.Threads);
    }

    private SaSpecification Specification(SaDirection direction, uint spi, IPAddress local, IPAddress peer, int peerPort,
        (byte[] Encryption, byte[] Integrity) keys, TrafficSelector selector, bool keepalives = false,
        Engine.DataPlane.Abstractions.IDecryptedPacketSink? sink = null) => new()
    {
        Spi = spi,
        Direction = direction,
        Protocol = Options.Transform.Protocol,
        Mode = Options.Mode,
        LocalAddress = local,
        PeerAddress = peer,
        Encapsulation = Options.UdpEncapsulation ? SaEncapsulation.Udp : SaEncapsulation.None,
        PeerPort = peerPort,
        Cipher = Options.Transform.Cipher,
        Aead = Options.Transform.Aead,
        Integrity = Options.Transform.Integrity,
        EncryptionKey = keys.Encryption,
        IntegrityKey = keys.Integrity,
        ExtendedSequenceNumbers = Options.ExtendedSequenceNumbers,
        ReplayWindowSize = Options.ReplayWindowSize,
        SoftLifetime = Options.SoftLifetime,
        HardLifetime = Options.HardLifetime,
        IdleTimeout = Options.IdleTimeout,
        Selector = selector,
        ReqId = ReqId,
        SendNatKeepalives = keepalives,
        Sink = sink,
    };
}
