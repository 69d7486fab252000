using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Engine.DataPlane.Abstractions;
using Engine.Host.Tests.Ipsec.Support;
using Engine.Ike.Events;
using static Engine.Host.Tests.Ipsec.Support.ModelPolicy;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// Two (or three) whole engines in one process, from the policy model down to ESP, on an
/// in-memory network and a fake clock: a packet written into one host's TUN device makes the data
/// plane ask for an SA, IKE runs main mode and quick mode, the held packet comes out of the other
/// host's TUN device decrypted, and the reply finds its way back.
/// </summary>
public sealed class InProcessEnginesTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.2")]
    [InlineData("2001:db8::1", "2001:db8::2")]
    public async Task Transport_mode_with_a_pre_shared_key_carries_the_held_first_packet_and_the_reply(string addressA, string addressB)
    {
        await using var lab = new IpsecLab();
        var a = lab.AddHost("a", [addressA]);
        var b = lab.AddHost("b", [addressB]);
        var policy = new ModelPolicy().Negotiate("Partner", [Filter("Me", addressB)]);
        a.Apply(policy.CompileFor(addressA), policy.Secrets);
        var reverse = new ModelPolicy().Negotiate("Partner", [Filter("Me", addressA)]);
        b.Apply(reverse.CompileFor(addressB), reverse.Secrets);

        var request = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(100, 1));
        a.Tun.Inject(request);
        lab.Pump();

        lab.AssertHealthy();
        var acquire = Assert.Single(a.Acquires);
        Assert.Equal(a.Traps[0].EntryId, acquire.Entry.Id);
        Assert.Single(a.Events<MainModeEstablishedEvent>());
        Assert.Single(a.Events<QuickModeEstablishedEvent>());
        Assert.Equal(1, a.Statistics.PacketsHeld);
        Assert.Equal(1, a.Statistics.HeldPacketsSent);
        var arrived = Assert.Single(b.Tun.TakeWritten());
        AssertSamePacket(request, arrived);

        var reply = IpPackets.UdpPacket(b.Address, a.Address, 7, 40000, IpPackets.Payload(60, 2));
        b.Tun.Inject(reply);
        lab.Pump();

        AssertSamePacket(reply, Assert.Single(a.Tun.TakeWritten()));
        Assert.Empty(b.Acquires);
        Assert.Equal(2, lab.Network.Sent.Count(d => d.Kind == DatagramEndpointKind.Esp));
        Assert.DoesNotContain(lab.Network.Sent, d => Contains(d.Payload, IpPackets.Payload(100, 1)) || Contains(d.Payload, IpPackets.Payload(60, 2)));
    }

    /// <summary>Transport mode rebuilds the IP header on the way in: the addresses and everything above IP arrive unchanged.</summary>
    private static void AssertSamePacket(byte[] sent, byte[] received)
    {
        Assert.Equal(IpPackets.Source(sent), IpPackets.Source(received));
        Assert.Equal(IpPackets.Destination(sent), IpPackets.Destination(received));
        Assert.Equal(Convert.ToHexString(IpPackets.UpperLayer(sent)), Convert.ToHexString(IpPackets.UpperLayer(received)));
        Assert.True(IpPackets.UdpChecksumValid(received));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
