using System;
using System.Diagnostics;
using System.Linq;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// The engine enforcing real policies between network namespaces: real engine processes, the
/// policies written with the cmdlets, real traffic (ping, TCP), and captures read by tshark to
/// prove what crossed the wire. Needs root; each test builds and removes its own lab.
/// </summary>
public sealed class IpsecScenarioTests : IDisposable
{
    private readonly Lab lab = new();

    [Fact]
    public void Transport_mode_secures_ping_and_tcp_and_nothing_crosses_in_the_clear()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Partner(b.Address));
        b.RunScript(ScenarioPolicies.Partner(a.Address));
        a.StartEngine();
        b.StartEngine();
        b.StartTcpServer(7000);
        using var capture = PacketCapture.Start(a, a.Interface);

        // The first packets wait for IKE (held, then sent; how long depends on the machine's load:
        // the in-process engine tests check the held packet on a fake clock), then everything flows.
        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(15)), a.EngineLog);
        Assert.Equal(5, a.PingCount(b.Address, 5));
        Assert.True(a.TcpRequest(b.Address, 7000), a.EngineLog);
        Assert.True(b.Ping(a.Address, TimeSpan.FromSeconds(5)));

        var frames = capture.Frames();
        Assert.Contains(frames, f => f.EndsWith(":esp", StringComparison.Ordinal));
        Assert.Contains(frames, f => f.EndsWith(":isakmp", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Contains(":ip:icmp", StringComparison.Ordinal) || f.Contains(":tcp", StringComparison.Ordinal));
        Assert.Contains("Audit 541 (Success): IKE security association established. Mode: Data Protection Mode (Quick Mode)", a.EngineLog);

        // With the keys the engine exports, tshark decrypts every ESP packet to what it carried.
        var keys = System.IO.Path.Combine(a.Scratch, "wireshark");
        a.RunScript($"Export-IpSecWiresharkKey -Path '{keys}' -Force | Out-Null");
        var decrypted = capture.DecryptedFrames(keys, "-Y", "esp");
        Assert.NotEmpty(decrypted);
        Assert.All(decrypted, f => Assert.Matches(":esp:(icmp|tcp)", f));
        Assert.Contains(decrypted, f => f.Contains(":esp:tcp", StringComparison.Ordinal));
    }

    [Fact]
    public void IPv6_transport_mode_with_aes_gcm_and_pfs()
    {
        var (a, b) = Pair();
        Lab.AddAddress(a, a.Interface, "fd00:77::1/64");
        Lab.AddAddress(b, b.Interface, "fd00:77::2/64");
        a.RunScript(ScenarioPolicies.Partner("fd00:77::2", "'ESP[AESGCM256,None]'", pfs: true));
        b.RunScript(ScenarioPolicies.Partner("fd00:77::1", "'ESP[AESGCM256,None]'", pfs: true));
        a.StartEngine();
        b.StartEngine();
        using var capture = PacketCapture.Start(a, a.Interface);

        Assert.True(a.Ping("fd00:77::2", TimeSpan.FromSeconds(10)), a.EngineLog);
        Assert.Equal(3, a.PingCount("fd00:77::2", 3));

        var frames = capture.Frames("-Y", "ipv6 && !(icmpv6.type >= 133 && icmpv6.type <= 143)");
        Assert.Contains(frames, f => f.EndsWith(":ipv6:esp", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Contains("icmpv6", StringComparison.Ordinal));
        Assert.Contains("ESP[AesGcm16-256", a.EngineLog);
    }

    [Fact]
    public void AH_in_transport_mode_and_an_ah_esp_bundle_is_never_half_applied()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Partner(b.Address, "'AH[SHA256]+ESP[AES128,SHA1]', 'AH[SHA256]'"));
        b.RunScript(ScenarioPolicies.Partner(a.Address, "'AH[SHA256]+ESP[AES128,SHA1]', 'AH[SHA256]'"));
        a.StartEngine();
        b.StartEngine();
        using var capture = PacketCapture.Start(a, a.Interface);

        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(10)), a.EngineLog);
        Assert.Equal(3, a.PingCount(b.Address, 3));

        // The bundle is left out (the data plane applies one SA per packet); AH alone is what was agreed.
        Assert.Contains("AH+ESP bundles are not supported by the data plane", a.EngineLog);
        var frames = capture.Frames("-Y", "ip && !isakmp");
        Assert.NotEmpty(frames);
        Assert.All(frames, f => Assert.EndsWith(":ah:icmp:data", f));
    }

    [Fact]
    public void Policy_changes_and_stopping_delete_the_sas_and_tell_the_peer_and_the_ike_trace_has_no_keys()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Partner(b.Address) + "\nSet-IpSecConfiguration -IkeLogging");
        b.RunScript(ScenarioPolicies.Partner(a.Address));
        a.StartEngine();
        b.StartEngine();
        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(10)), a.EngineLog);

        // Unassigning the policy on b (Disable-IpSecPolicy syncs the engine): its SAs go, with a DELETE to a.
        b.RunScript("Disable-IpSecPolicy -Name 'Partner' -Confirm:$false");
        WaitFor(() => a.EngineLog.Contains("Reason: DeletedByPeer", StringComparison.Ordinal), a.EngineLog + "\n----- b:\n" + b.EngineLog);
        Assert.Contains("Audit 542", b.EngineLog);

        // Assigned again, traffic is secured again; a clean stop of a tells b.
        b.RunScript("Enable-IpSecPolicy -Name 'Partner'");
        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(10)), a.EngineLog + b.EngineLog);
        a.RunScript("Stop-IpSecEngine -Force");
        WaitFor(() => b.EngineLog.Split('\n').Count(l => l.Contains("Reason: DeletedByPeer", StringComparison.Ordinal)) >= 1, b.EngineLog);

        var trace = System.IO.File.ReadAllText(System.IO.Path.Combine(a.StateDirectory, "ike.log"));
        Assert.Contains("Quick Mode", trace, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SKEYID", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("KEYMAT", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_to_site_tunnel_between_two_gateways_carries_the_subnets_traffic()
    {
        var left = lab.AddHost("left");
        var gatewayA = lab.AddHost("gwa");
        var gatewayB = lab.AddHost("gwb");
        var right = lab.AddHost("right");
        lab.Link(gatewayA, "198.51.100.1/24", gatewayB, "198.51.100.2/24"); // the engines bind here
        lab.Link(left, "10.1.0.10/24", gatewayA, "10.1.0.1/24");
        lab.Link(right, "10.2.0.10/24", gatewayB, "10.2.0.1/24");
        Lab.Forward(gatewayA);
        Lab.Forward(gatewayB);
        Lab.Route(left, "default", "10.1.0.1");
        Lab.Route(right, "default", "10.2.0.1");
        Lab.Route(gatewayA, "10.2.0.0/24", "198.51.100.2");
        Lab.Route(gatewayB, "10.1.0.0/24", "198.51.100.1");
        gatewayA.RunScript(ScenarioPolicies.SiteToSite("10.1.0.0/24", "10.2.0.0/24", "198.51.100.1", "198.51.100.2"));
        gatewayB.RunScript(ScenarioPolicies.SiteToSite("10.2.0.0/24", "10.1.0.0/24", "198.51.100.2", "198.51.100.1"));
        gatewayA.StartEngine();
        gatewayB.StartEngine();
        right.StartTcpServer(7000);
        using var capture = PacketCapture.Start(gatewayA, gatewayA.Interface);

        Assert.True(left.Ping("10.2.0.10", TimeSpan.FromSeconds(10)), gatewayA.EngineLog);
        Assert.True(left.TcpRequest("10.2.0.10", 7000), gatewayA.EngineLog);

        var frames = capture.Frames("-Y", "!arp");
        Assert.Contains(frames, f => f.EndsWith(":esp", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Contains(":ip:icmp", StringComparison.Ordinal) || f.Contains(":tcp", StringComparison.Ordinal));
        Assert.Contains(", Tunnel, ", gatewayA.EngineLog);
    }

    [Fact]
    public void Behind_a_nat_with_port_remapping_esp_floats_into_udp_4500_both_ways()
    {
        var inside = lab.AddHost("in");
        var nat = lab.AddHost("nat");
        var outside = lab.AddHost("out");
        lab.Link(inside, "10.1.0.2/24", nat, "10.1.0.1/24");
        lab.Link(outside, "192.0.2.2/24", nat, "192.0.2.1/24");
        Lab.Route(inside, "default", "10.1.0.1");
        Lab.Masquerade(nat, "to-out");
        inside.RunScript(ScenarioPolicies.Partner("192.0.2.2"));
        outside.RunScript(ScenarioPolicies.Partner("Any")); // it sees the NAT's address, and the peer names its private one
        inside.StartEngine();
        outside.StartEngine();
        outside.StartTcpServer(7000);
        using var capture = PacketCapture.Start(nat, "to-out");

        Assert.True(inside.Ping("192.0.2.2", TimeSpan.FromSeconds(15)), inside.EngineLog + outside.EngineLog);
        Assert.Equal(4, inside.PingCount("192.0.2.2", 4));
        Assert.True(inside.TcpRequest("192.0.2.2", 7000), inside.EngineLog);
        Assert.True(outside.Ping("192.0.2.1", TimeSpan.FromSeconds(5)), outside.EngineLog); // back through the same SA

        var frames = capture.Frames("-Y", "!arp");
        Assert.Contains(frames, f => f.EndsWith(":udp:udpencap:esp", StringComparison.Ordinal));
        Assert.Contains(frames, f => f.EndsWith(":udp:udpencap:isakmp", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Contains(":ip:icmp", StringComparison.Ordinal) || f.Contains(":tcp", StringComparison.Ordinal));
        Assert.Contains("Transport UDP", outside.EngineLog);
    }

    [Fact]
    public void Secure_server_refuses_a_peer_without_ipsec()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Predefined("Secure Server (Require Security)"));
        a.StartEngine();
        a.StartTcpServer(7000);
        b.StartTcpServer(7000);
        using var capture = PacketCapture.Start(a, a.Interface);

        Assert.False(b.TcpRequest(a.Address, 7000, timeoutSeconds: 3));
        Assert.False(a.TcpRequest(b.Address, 7000, timeoutSeconds: 3));
        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(5))); // the predefined ICMP exemption

        // b's SYNs arrive and are dropped; a sends nothing of its own in the clear but IKE.
        var sentByA = capture.Frames("-Y", $"ip.src == {a.Address} && !icmp");
        Assert.All(sentByA, f => Assert.EndsWith(":isakmp", f));
        Assert.NotEmpty(sentByA);
    }

    [Fact]
    public void Server_falls_back_to_clear_when_the_peer_does_not_answer_ike()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Predefined("Server (Request Security)"));
        a.StartEngine();
        b.StartTcpServer(7000);

        var watch = Stopwatch.StartNew();
        bool answered = false;
        while (!answered && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            answered = a.TcpRequest(b.Address, 7000, timeoutSeconds: 2);
        }

        Assert.True(answered, a.EngineLog);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(20));
        Assert.Contains("[3006]", a.EngineLog); // the soft SA
        Assert.True(a.TcpRequest(b.Address, 7000), "the soft SA lets the next connections through at once");
    }

    [Fact]
    public void Client_sends_in_the_clear_and_answers_a_server_secured()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Predefined("Client (Respond Only)"));
        b.RunScript(ScenarioPolicies.Predefined("Server (Request Security)"));
        a.StartEngine();
        b.StartEngine();
        b.StartTcpServer(7000);
        using var capture = PacketCapture.Start(a, a.Interface);

        Assert.True(a.TcpRequest(b.Address, 7000, timeoutSeconds: 15), a.EngineLog + b.EngineLog); // IKE first: a loaded machine needs more than 5 s
        var watch = Stopwatch.StartNew();
        while (!b.EngineLog.Contains("Data Protection Mode (Quick Mode)", StringComparison.Ordinal) && watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            System.Threading.Thread.Sleep(100);
        }

        Assert.True(a.TcpRequest(b.Address, 7000), a.EngineLog);
        var frames = capture.Frames("-Y", "!arp");
        Assert.Contains(frames, f => f.EndsWith(":tcp", StringComparison.Ordinal));   // the client's first, cleartext request
        Assert.Contains(frames, f => f.EndsWith(":isakmp", StringComparison.Ordinal));
        Assert.Contains(frames, f => f.EndsWith(":esp", StringComparison.Ordinal));
        Assert.Contains("Mode: Data Protection Mode (Quick Mode)", a.EngineLog);
    }

    [Fact]
    public void Block_and_permit_filters_take_precedence_over_negotiation()
    {
        var (a, b) = Pair();
        a.RunScript($"""
            New-IpSecFilterList -Name 'Block ICMP' | Out-Null
            New-IpSecFilter -FilterList 'Block ICMP' -SourceAddress Me -DestinationAddress '{b.Address}' -Protocol ICMP | Out-Null
            New-IpSecFilterList -Name 'Web in the clear' | Out-Null
            New-IpSecFilter -FilterList 'Web in the clear' -SourceAddress Me -DestinationAddress '{b.Address}' -Protocol TCP -DestinationPort 7000 | Out-Null
            New-IpSecFilterAction -Name 'Block' -Action Block | Out-Null
            $policy = 'Secure Server (Require Security)'
            New-IpSecRule -Policy $policy -Name 'Block ICMP' -FilterList 'Block ICMP' -FilterAction 'Block' | Out-Null
            New-IpSecRule -Policy $policy -Name 'Web' -FilterList 'Web in the clear' -FilterAction 'Permit' | Out-Null
            {ScenarioPolicies.Predefined("Secure Server (Require Security)")}
            """);
        a.StartEngine();
        b.StartTcpServer(7000);
        b.StartTcpServer(7001);

        Assert.Equal(0, a.PingCount(b.Address, 2));                         // Block beats the ICMP permit: more specific
        Assert.True(a.TcpRequest(b.Address, 7000));                         // Permit: in the clear
        Assert.False(a.TcpRequest(b.Address, 7001, timeoutSeconds: 3));     // everything else needs IPsec, which b lacks
    }

    [Fact]
    public void Killing_the_engine_leaks_no_cleartext_and_a_restart_restores_enforcement()
    {
        var (a, b) = Pair();
        a.RunScript(ScenarioPolicies.Partner(b.Address));
        b.RunScript(ScenarioPolicies.Partner(a.Address));
        a.StartEngine();
        b.StartEngine();
        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(10)), a.EngineLog);

        a.KillEngine();
        using (var capture = PacketCapture.Start(a, a.Interface))
        {
            Assert.Equal(0, a.PingCount(b.Address, 3));
            Assert.DoesNotContain(capture.Frames(), f => f.Contains(":ip:icmp", StringComparison.Ordinal));
        }

        a.StartEngine();
        Assert.True(a.Ping(b.Address, TimeSpan.FromSeconds(15)), a.EngineLog);
    }

    public void Dispose() => lab.Dispose();

    private static void WaitFor(Func<bool> condition, string context)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), context);
            System.Threading.Thread.Sleep(100);
        }
    }

    private (LabHost A, LabHost B) Pair()
    {
        var a = lab.AddHost("a");
        var b = lab.AddHost("b");
        lab.Link(a, "10.77.0.1/24", b, "10.77.0.2/24");
        return (a, b);
    }
}
