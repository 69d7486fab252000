using System.Net;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Sa;

/// <summary>AddSa refuses inconsistent specifications with a message that says what is wrong; the API guards its limits.</summary>
public sealed class SaSpecificationTests
{
    private static readonly byte[] AesKey = new byte[16];
    private static readonly byte[] ShaKey = new byte[20];

    public static TheoryData<string> Invalid() => new(InvalidSpecifications().Keys);

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses(string what)
    {
        using var plane = new IpsecDataPlane();
        var exception = Assert.ThrowsAny<ArgumentException>(() => plane.AddSa(InvalidSpecifications()[what]));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        Assert.Empty(plane.GetSas());
    }

    [Fact]
    public void Accepts_a_valid_one_and_describes_it()
    {
        using var plane = new IpsecDataPlane();
        var sa = plane.AddSa(Valid());
        Assert.Equal("AES-CBC-128", sa.EncryptionAlgorithm);
        Assert.Equal("HMAC-SHA1-96", sa.IntegrityAlgorithm);
        Assert.Equal(SaState.Active, sa.State);
        Assert.Same(sa, plane.FindInboundSa(IpsecProtocol.Esp, 0x100));
        Assert.Null(plane.FindInboundSa(IpsecProtocol.Ah, 0x100));
        Assert.Contains("0x00000100", sa.ToString());
    }

    [Fact]
    public void Refuses_a_second_inbound_sa_with_the_same_spi()
    {
        using var plane = new IpsecDataPlane();
        plane.AddSa(Valid());
        Assert.Throws<InvalidOperationException>(() => plane.AddSa(Valid()));
        Assert.Single(plane.GetSas());
    }

    [Fact]
    public void Guards_the_io_it_is_given()
    {
        using var plane = new IpsecDataPlane(new DataPlaneOptions { MaximumPacketSize = 1500, MaximumPacketLoops = 2 });
        var network = new FakeNetwork();
        Assert.Throws<ArgumentException>(() => plane.CreateInboundLoop(network.Bind(DatagramEndpointKind.Ike, IPAddress.Loopback, 500)));
        Assert.Throws<ArgumentException>(() => plane.CreateOutboundLoop(new FakeTunDevice(mtu: 9000)));
        plane.CreateOutboundLoop(new FakeTunDevice());
        plane.CreateInboundLoop(network.Bind(DatagramEndpointKind.Esp, IPAddress.Loopback));
        Assert.Throws<InvalidOperationException>(() => plane.CreateOutboundLoop(new FakeTunDevice()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpsecDataPlane(new DataPlaneOptions { MaximumPacketSize = 100 }));
    }

    [Fact]
    public void A_disposed_data_plane_takes_no_more_sas_and_wipes_those_it_had()
    {
        var plane = new IpsecDataPlane();
        var sa = plane.AddSa(Valid());
        plane.Dispose();
        Assert.Equal(SaState.Deleted, sa.State);
        Assert.Throws<ObjectDisposedException>(() => plane.AddSa(Valid()));
    }

    private static SaSpecification Valid(Action<SaSpecificationBuilder>? change = null)
    {
        var builder = new SaSpecificationBuilder();
        change?.Invoke(builder);
        return builder.Build();
    }

    private static Dictionary<string, SaSpecification> InvalidSpecifications() => new()
    {
        ["spi 0"] = Valid(b => b.Spi = 0),
        ["mixed families"] = Valid(b => b.Peer = IPAddress.Parse("2001:db8::2")),
        ["no encryption transform"] = Valid(b => b.Cipher = null),
        ["cipher and aead"] = Valid(b => b.Aead = AeadAlgorithms.AesGcm16Key128),
        ["aead with integrity"] = Valid(b => { b.Cipher = null; b.Aead = AeadAlgorithms.AesGcm16Key128; b.EncryptionKey = new byte[20]; }),
        ["null without integrity"] = Valid(b => { b.Cipher = CipherAlgorithms.Null; b.EncryptionKey = []; b.Integrity = null; b.IntegrityKey = []; }),
        ["short key"] = Valid(b => b.EncryptionKey = new byte[15]),
        ["short integrity key"] = Valid(b => b.IntegrityKey = new byte[16]),
        ["ah with a cipher"] = Valid(b => b.Protocol = IpsecProtocol.Ah),
        ["ah without integrity"] = Valid(b => { b.Protocol = IpsecProtocol.Ah; b.Cipher = null; b.EncryptionKey = []; b.Integrity = null; b.IntegrityKey = []; }),
        ["ah over udp"] = Valid(b => { b.Protocol = IpsecProtocol.Ah; b.Cipher = null; b.EncryptionKey = []; b.Udp = true; }),
        ["udp port 0"] = Valid(b => { b.Udp = true; b.PeerPort = 0; }),
        ["tunnel without selectors"] = Valid(b => { b.Mode = IpsecMode.Tunnel; b.Selector = null; }),
        ["replay window too small"] = Valid(b => b.ReplayWindow = 16),
        ["replay window too large"] = Valid(b => b.ReplayWindow = 8192),
    };

    private sealed class SaSpecificationBuilder
    {
        public uint Spi { get; set; } = 0x100;

        public IpsecProtocol Protocol { get; set; } = IpsecProtocol.Esp;

        public IpsecMode Mode { get; set; } = IpsecMode.Transport;

        public IPAddress Peer { get; set; } = IPAddress.Parse("192.0.2.2");

        public CipherAlgorithm? Cipher { get; set; } = CipherAlgorithms.AesCbc128;

        public AeadAlgorithm? Aead { get; set; }

        public IntegrityAlgorithm? Integrity { get; set; } = IntegrityAlgorithms.HmacSha1Icv96;

        public byte[] EncryptionKey { get; set; } = AesKey;

        public byte[] IntegrityKey { get; set; } = ShaKey;

        public bool Udp { get; set; }

        public int PeerPort { get; set; } = 4500;

        public TrafficSelector? Selector { get; set; }

        public int ReplayWindow { get; set; } = 64;

        public SaSpecification Build() => new()
        {
            Spi = Spi, Direction = SaDirection.Inbound, Protocol = Protocol, Mode = Mode,
            LocalAddress = IPAddress.Parse("192.0.2.1"), PeerAddress = Peer,
            Encapsulation = Udp ? SaEncapsulation.Udp : SaEncapsulation.None, PeerPort = PeerPort,
            Cipher = Cipher, Aead = Aead, Integrity = Integrity, EncryptionKey = EncryptionKey, IntegrityKey = IntegrityKey,
            Selector = Selector, ReplayWindowSize = ReplayWindow,
        };
    }
}
