using System;
using System.Linq;
using System.Net;
using Engine.Host.Audit;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.Host.Tests.Vpn;

/// <summary>The gateway runtime in process on a fake clock: sessions, NAT, limits, audit, the data path.</summary>
public sealed class VpnGatewayServerTests
{
    private static readonly IPEndPoint BehindNat = new(IPAddress.Parse("198.51.100.7"), 1701);

    [Fact]
    public void Three_clients_behind_one_nat_on_the_same_port_each_get_a_session_and_an_address()
    {
        using var vpn = new VpnLoopback();
        vpn.AddUser("alice", "alice-pw");
        var clients = Enumerable.Range(1, 3).Select(i => vpn.Connect(1000 + i, BehindNat, "alice", "alice-pw")).ToList();
        vpn.Advance(TimeSpan.FromSeconds(2));

        Assert.All(clients, c => Assert.NotNull(c.Opened));
        Assert.Equal(3, clients.Select(c => c.Opened!.LocalAddress).Distinct().Count());
        var sessions = vpn.Gateway.Sessions(_ => 0);
        Assert.Equal(3, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(("198.51.100.7", 1701), (s.ClientAddress, s.ClientPort)));
        Assert.Equal(3, vpn.Audit.Records.Count(r => r.Id == AuditEventIds.VpnUserConnected));
    }

    [Fact]
    public void Max_sessions_refuses_the_next_call_with_a_cdn_the_client_sees()
    {
        using var vpn = new VpnLoopback(settings => settings.MaxSessions = 1);
        vpn.AddUser("bob", "bob-pw");
        var first = vpn.Connect(1, BehindNat, "bob", "bob-pw");
        vpn.Advance(TimeSpan.FromSeconds(2));
        var second = vpn.Connect(2, BehindNat, "bob", "bob-pw");
        vpn.Advance(TimeSpan.FromSeconds(2));

        Assert.NotNull(first.Opened);
        var refused = Assert.Single(second.CallsDown);
        Assert.Equal((ushort)CdnResultCode.TemporaryLackOfFacilities, refused.Result!.Result);
        Assert.Contains(vpn.Audit.Records, r => r.Id == AuditEventIds.VpnConnectionRefused && r.Message.Contains("-MaxSessions", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_password_is_audited_with_the_reason_and_never_the_password()
    {
        using var vpn = new VpnLoopback();
        vpn.AddUser("carol", "carol-pw");
        var client = vpn.Connect(1, BehindNat, "carol", "not-carols");
        vpn.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(client.Opened);
        var failure = Assert.Single(vpn.Audit.Records, r => r.Id == AuditEventIds.VpnAuthenticationFailed);
        Assert.Contains("the password is wrong", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(vpn.Audit.Records, r => r.Message.Contains("carol-pw", StringComparison.Ordinal) || r.Message.Contains("not-carols", StringComparison.Ordinal));
    }

    [Fact]
    public void Ip_from_a_client_reaches_the_host_only_from_its_own_address_and_the_hosts_packets_reach_the_client()
    {
        using var vpn = new VpnLoopback();
        vpn.AddUser("dave", "dave-pw");
        var client = vpn.Connect(7, BehindNat, "dave", "dave-pw");
        vpn.Advance(TimeSpan.FromSeconds(2));
        var own = client.Opened!.LocalAddress;

        client.Ppp!.SendPacket(Ipv4(own, IPAddress.Parse("10.9.9.9")));
        client.Ppp.SendPacket(Ipv4(IPAddress.Parse("10.50.0.9"), IPAddress.Parse("10.9.9.9"))); // spoofed
        vpn.Pump();
        Assert.Single(vpn.ToHost);

        Assert.True(vpn.Gateway.TryTakeOutbound(Ipv4(IPAddress.Parse("10.9.9.9"), own)));
        Assert.True(vpn.Gateway.TryTakeOutbound(Ipv4(IPAddress.Parse("10.9.9.9"), IPAddress.Parse("10.50.0.9"))), "a pool address without a session is dropped here");
        Assert.False(vpn.Gateway.TryTakeOutbound(Ipv4(IPAddress.Parse("10.9.9.9"), IPAddress.Parse("10.77.0.1"))), "other traffic is left to the policy");
        vpn.Pump();
        Assert.Single(client.Received);
    }

    [Fact]
    public void Disconnect_ends_the_session_with_lcp_terminate_and_a_cdn_and_audits_the_duration()
    {
        using var vpn = new VpnLoopback();
        vpn.AddUser("erin", "erin-pw");
        var client = vpn.Connect(3, BehindNat, "erin", "erin-pw");
        vpn.Advance(TimeSpan.FromSeconds(2));
        var session = Assert.Single(vpn.Gateway.Sessions(_ => 0));

        Assert.NotNull(vpn.Gateway.Disconnect(session.Id));
        vpn.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(vpn.Gateway.Sessions(_ => 0));
        Assert.NotNull(client.Closed); // the Terminate-Request came first; the CDN may end PPP before its restart timer does
        Assert.Equal((ushort)CdnResultCode.Administrative, Assert.Single(client.CallsDown).Result!.Result);
        Assert.Contains(vpn.Audit.Records, r => r.Id == AuditEventIds.VpnUserDisconnected && r.Message.Contains("disconnected by the administrator", StringComparison.Ordinal));
        Assert.Null(vpn.Gateway.Disconnect(session.Id));
    }

    private static byte[] Ipv4(IPAddress source, IPAddress destination)
    {
        var packet = new byte[28];
        packet[0] = 0x45;
        packet[3] = 28;
        packet[8] = 64;
        packet[9] = 17;
        source.TryWriteBytes(packet.AsSpan(12), out _);
        destination.TryWriteBytes(packet.AsSpan(16), out _);
        return packet;
    }
}
