using System.Net.Sockets;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Tests.Support;

/// <summary>How two test hosts are connected and what SA pair they share.</summary>
public sealed record ScenarioOptions
{
    public TestTransform Transform { get; init; } = TestTransforms.AesCbc128Sha1;

    public IpsecMode Mode { get; init; } = IpsecMode.Tunnel;

    /// <summary>The outer (SA endpoint) family.</summary>
    public AddressFamily OuterFamily { get; init; } = AddressFamily.InterNetwork;

    /// <summary>The inner family in tunnel mode (transport mode uses the outer one).</summary>
    public AddressFamily InnerFamily { get; init; } = AddressFamily.InterNetwork;

    public bool UdpEncapsulation { get; init; }

    /// <summary>A NAT in front of host A (UDP only): its 4500 appears as 198.51.100.7:31000 / 2001:db8:ff::7 port 31000.</summary>
    public bool NatInFrontOfA { get; init; }

    public bool ExtendedSequenceNumbers { get; init; }

    /// <summary>A is behind the NAT and keeps the mapping open with keepalives.</summary>
    public bool SendNatKeepalivesFromA { get; init; }

    public int ReplayWindowSize { get; init; } = 64;

    public SaLifetime SoftLifetime { get; init; }

    public SaLifetime HardLifetime { get; init; }

    public TimeSpan IdleTimeout { get; init; }

    public bool InstallSas { get; init; } = true;

    /// <summary>Where B's inbound SA delivers instead of B's TUN device (the VPN gateway's hook); null: the TUN device.</summary>
    public Engine.DataPlane.Abstractions.IDecryptedPacketSink? SinkAtB { get; init; }

    public bool HoldPacketsWhileAcquiring { get; init; }

    /// <summary>Run the data planes' own threads (AttachTun/AttachBind) instead of pumping loops from the test.</summary>
    public bool Threads { get; init; }

    public ScenarioOptions With(IpsecMode mode, AddressFamily family, bool udp) =>
        this with { Mode = mode, OuterFamily = family, InnerFamily = family, UdpEncapsulation = udp };
}
