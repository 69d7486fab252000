using System;
using System.Net;
using Engine.Crypto.Aead;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.Host.Ipsec;
using Engine.Ike.Kernel;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Ipsec;

public sealed class KernelSaTranslatorTests
{
    private static readonly IPAddress Local = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Peer = IPAddress.Parse("198.51.100.7");

    private static KernelSa Sa(Engine.Ike.Kernel.SaDirection direction, UdpEncapsulation? encapsulation = null)
    {
        bool inbound = direction == Engine.Ike.Kernel.SaDirection.Inbound;
        return new KernelSa
        {
            Id = new KernelSaId(inbound ? Local : Peer, Engine.Ike.Kernel.IpsecProtocol.Esp, 0x1234),
            Direction = direction,
            Source = inbound ? Peer : Local,
            Mode = Engine.Ike.Kernel.IpsecMode.Transport,
            Encapsulation = encapsulation,
            Aead = AeadAlgorithms.AesGcm16Key128,
            EncryptionKey = new byte[AeadAlgorithms.AesGcm16Key128.KeyMaterialSize],
            LocalTrafficSelector = IkeSelector.ForHost(Local, 6, 1433),
            RemoteTrafficSelector = IkeSelector.ForSubnet(IPAddress.Parse("198.51.100.0"), 24),
            SoftByteLimit = 1000,
            HardByteLimit = 2000,
            ChildSaId = 7,
        };
    }

    [Fact]
    public void InboundTakesTheDestinationAsLocalAndSwapsTheEncapsulationPorts()
    {
        var specification = KernelSaTranslator.ToSpecification(Sa(Engine.Ike.Kernel.SaDirection.Inbound, new UdpEncapsulation(4501, 4500)), reqId: 3);

        Assert.Equal(Engine.DataPlane.Sa.SaDirection.Inbound, specification.Direction);
        Assert.Equal(0x1234u, specification.Spi);
        Assert.Equal(Local, specification.LocalAddress);
        Assert.Equal(Peer, specification.PeerAddress);
        Assert.Equal(SaEncapsulation.Udp, specification.Encapsulation);
        Assert.Equal(4500, specification.LocalPort);
        Assert.Equal(4501, specification.PeerPort);
        Assert.Equal(3, specification.ReqId);
    }

    [Fact]
    public void OutboundCarriesSelectorsByteLimitsAndKeys()
    {
        var specification = KernelSaTranslator.ToSpecification(Sa(Engine.Ike.Kernel.SaDirection.Outbound), reqId: 3);

        Assert.Equal(Local, specification.LocalAddress);
        Assert.Equal(Peer, specification.PeerAddress);
        Assert.Equal(SaEncapsulation.None, specification.Encapsulation);
        Assert.Equal(Engine.DataPlane.Sa.IpsecMode.Transport, specification.Mode);
        Assert.Equal(new SaLifetime(TimeSpan.Zero, 1000), specification.SoftLifetime);
        Assert.Equal(new SaLifetime(TimeSpan.Zero, 2000), specification.HardLifetime);
        Assert.Same(AeadAlgorithms.AesGcm16Key128, specification.Aead);
        Assert.NotNull(specification.Selector);
        Assert.Equal(AddressRange.Host(Local), specification.Selector.LocalAddresses);
        Assert.Equal(AddressRange.Prefix(IPAddress.Parse("198.51.100.0"), 24), specification.Selector.RemoteAddresses);
        Assert.Equal(6, specification.Selector.Protocol);
        Assert.Equal(new PortRange(1433, 1433), specification.Selector.LocalPorts);
        Assert.Equal(PortRange.Any, specification.Selector.RemotePorts);
    }

    [Fact]
    public void TheDataPlaneAcceptsBothHalves()
    {
        using var dataPlane = new IpsecDataPlane();

        dataPlane.AddSa(KernelSaTranslator.ToSpecification(Sa(Engine.Ike.Kernel.SaDirection.Inbound), reqId: 1));
        dataPlane.AddSa(KernelSaTranslator.ToSpecification(Sa(Engine.Ike.Kernel.SaDirection.Outbound), reqId: 1));

        Assert.Equal(2, dataPlane.GetSas().Count);
        Assert.NotNull(dataPlane.FindInboundSa(Engine.DataPlane.Sa.IpsecProtocol.Esp, 0x1234));
    }
}
