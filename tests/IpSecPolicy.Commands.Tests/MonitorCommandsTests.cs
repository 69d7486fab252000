using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Engine.Host.Tests.Support.Ipsec;
using Engine.Host.Tests.Support.Tshark;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// The IP Security Monitor cmdlets (Get-/Remove-IpSecMainModeSA, Get-/Remove-IpSecQuickModeSA,
/// Get-IpSecStatistics, Export-IpSecWiresharkKey) against the real engine in process, whose monitor
/// is one side of two real IKE engines with data planes (192.0.2.10, the session's adapter, and
/// 192.0.2.20), and without an engine.
/// </summary>
public sealed class MonitorCommandsTests : IAsyncLifetime
{
    private readonly PowerShellSession session = new();
    private readonly IkePair pair = new();
    private InProcessEngine? engine;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        pair.Dispose();
        session.Dispose();
    }

    [Theory]
    [InlineData("Get-IpSecMainModeSA")]
    [InlineData("Get-IpSecQuickModeSA")]
    [InlineData("Get-IpSecStatistics")]
    [InlineData("Remove-IpSecMainModeSA -Id 0123456789abcdef/0123456789abcdef")]
    [InlineData("Remove-IpSecQuickModeSA -Id 1")]
    public void Without_an_engine_each_cmdlet_says_EngineNotRunning(string script)
    {
        var error = session.SingleError(script);

        Assert.Equal("EngineNotRunning", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
    }

    [Fact]
    public void Without_an_engine_the_export_writes_nothing()
    {
        var directory = session.StorePath + "-keys";

        var error = session.SingleError($"Export-IpSecWiresharkKey -Path '{directory}' -Force");

        Assert.Equal("EngineNotRunning", ModelErrors.Id(error));
        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData(typeof(Engine.RemoveIpSecMainModeSACommand))]
    [InlineData(typeof(Engine.RemoveIpSecQuickModeSACommand))]
    [InlineData(typeof(Engine.ExportIpSecWiresharkKeyCommand))]
    public void What_tears_down_traffic_or_writes_keys_is_ConfirmImpact_High(Type cmdlet)
    {
        var attribute = cmdlet.GetCustomAttribute<CmdletAttribute>()!;

        Assert.True(attribute.SupportsShouldProcess);
        Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
        Assert.True(typeof(IpSecCmdlet).IsAssignableFrom(cmdlet));
    }

    [Fact]
    public async Task Get_IpSecMainModeSA_shows_the_sa_and_filters_by_peer_and_id()
    {
        await StartAsync();

        var sa = session.Invoke("Get-IpSecMainModeSA").Ok().Single<MainModeSa>();
        var byAddress = session.Invoke("Get-IpSecMainModeSA -Peer 192.0.2.20").Ok().Single<MainModeSa>();
        var byPattern = session.Invoke("Get-IpSecMainModeSA -Peer '192.0.2.*'").Ok().Single<MainModeSa>();
        var byId = session.Invoke($"Get-IpSecMainModeSA '{sa.Id[..8]}*'").Ok().Single<MainModeSa>();
        var none = session.Invoke("Get-IpSecMainModeSA -Peer '10.*'").Ok();
        var missing = session.SingleError("Get-IpSecMainModeSA -Peer 10.9.9.9");
        var table = session.Render("Get-IpSecMainModeSA");

        Assert.Equal(("Established", "Initiator", "192.0.2.20", 500), (sa.State, sa.Role, sa.PeerAddress, sa.PeerPort));
        Assert.Equal(sa.Id, byAddress.Id);
        Assert.Equal(sa.Id, byPattern.Id);
        Assert.Equal(sa.Id, byId.Id);
        Assert.Empty(none.Output);
        Assert.Equal(("MainModeSaNotFound", ErrorCategory.ObjectNotFound, "10.9.9.9"), (ModelErrors.Id(missing), missing.CategoryInfo.Category, (string)missing.TargetObject));
        Assert.Contains("192.0.2.20:500", table);
        Assert.Contains("192.0.2.10:500", table);
        Assert.Contains("AES128-SHA1-19", table);
        Assert.Contains("IpSecPolicy engine", table);
    }

    [Fact]
    public async Task Get_IpSecQuickModeSA_shows_the_sa_and_filters_by_rule_peer_id_and_pipeline()
    {
        await StartAsync();
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes("hello")));

        var sa = session.Invoke("Get-IpSecQuickModeSA").Ok().Single<QuickModeSa>();
        var byRule = session.Invoke("Get-IpSecQuickModeSA -Rule 'Partner*'").Ok().Single<QuickModeSa>();
        var byFilterAlias = session.Invoke("Get-IpSecQuickModeSA -Filter 'Partner hosts'").Ok().Single<QuickModeSa>();
        var byId = session.Invoke($"Get-IpSecQuickModeSA -Id {sa.Id}").Ok().Single<QuickModeSa>();
        var fromMainMode = session.Invoke("Get-IpSecMainModeSA | Get-IpSecQuickModeSA").Ok().Single<QuickModeSa>();
        var noRule = session.SingleError("Get-IpSecQuickModeSA -Rule 'No such rule'");
        var noId = session.SingleError("Get-IpSecQuickModeSA -Id 4711");
        var table = session.Render("Get-IpSecQuickModeSA");

        Assert.Equal(("Partner hosts", "ESP[AES128,SHA1]", "Transport", "192.0.2.20"), (sa.Rule, sa.SecurityMethod, sa.Mode, sa.PeerAddress));
        Assert.Equal((1ul, 0ul), (sa.PacketsOut, sa.PacketsIn));
        Assert.Equal(new[] { sa.Id, sa.Id, sa.Id, sa.Id }, new[] { byRule.Id, byFilterAlias.Id, byId.Id, fromMainMode.Id });
        Assert.Equal(("QuickModeSaNotFound", ErrorCategory.ObjectNotFound), (ModelErrors.Id(noRule), noRule.CategoryInfo.Category));
        Assert.Equal(("QuickModeSaNotFound", "4711"), (ModelErrors.Id(noId), (string)noId.TargetObject));
        Assert.Contains(sa.EspInboundSpi!, table);
        Assert.Contains(sa.EspOutboundSpi!, table);
        Assert.Contains("ESP[AES128,SHA1]", table);
        Assert.Contains("Partner hosts", table);
    }

    [Fact]
    public async Task Remove_IpSecQuickModeSA_takes_pipeline_input_honours_WhatIf_and_tells_the_peer()
    {
        await StartAsync();
        var sa = session.Invoke("Get-IpSecQuickModeSA").Ok().Single<QuickModeSa>();

        var whatIf = session.Invoke("Get-IpSecQuickModeSA | Remove-IpSecQuickModeSA -WhatIf").Ok();
        Assert.Empty(whatIf.Output);
        Assert.Single(pair.Responder.Engine.GetQuickModeSas());

        var removed = session.Invoke("Get-IpSecQuickModeSA | Remove-IpSecQuickModeSA -PassThru -Confirm:$false -Verbose").Ok();

        Assert.Equal(sa.Id, removed.Single<QuickModeSa>().Id);
        Assert.Contains(removed.Verbose, line => line.Contains("the peer was sent DELETE", StringComparison.Ordinal));
        Assert.Empty(pair.Initiator.Engine.GetQuickModeSas());
        Assert.Empty(pair.Responder.Engine.GetQuickModeSas());
        var again = session.SingleError($"Remove-IpSecQuickModeSA -Id {sa.Id} -Confirm:$false");
        Assert.Equal(("QuickModeSaNotFound", ErrorCategory.ObjectNotFound), (ModelErrors.Id(again), again.CategoryInfo.Category));
    }

    [Fact]
    public async Task Remove_IpSecMainModeSA_by_id_deletes_it_on_both_sides_and_leaves_the_quick_mode()
    {
        await StartAsync();
        var sa = session.Invoke("Get-IpSecMainModeSA").Ok().Single<MainModeSa>();

        var quiet = session.Invoke($"Remove-IpSecMainModeSA -Id '{sa.Id}' -Confirm:$false").Ok();

        Assert.Empty(quiet.Output);
        Assert.Empty(pair.Initiator.Engine.GetMainModeSas());
        Assert.Empty(pair.Responder.Engine.GetMainModeSas());
        Assert.Single(pair.Responder.Engine.GetQuickModeSas());
        var missing = session.SingleError($"Remove-IpSecMainModeSA -Id '{sa.Id}' -Confirm:$false");
        Assert.Equal(("MainModeSaNotFound", sa.Id), (ModelErrors.Id(missing), (string)missing.TargetObject));
    }

    [Fact]
    public async Task Remove_asks_for_confirmation_when_the_preference_says_so()
    {
        await StartAsync();

        // The project's host cannot prompt: asking for confirmation is an error it reports.
        var asked = session.SingleError("$ConfirmPreference = 'High'; Get-IpSecMainModeSA | Remove-IpSecMainModeSA");

        Assert.Contains("cannot prompt", asked.Exception.Message);

        Assert.Single(pair.Initiator.Engine.GetMainModeSas());
    }

    [Fact]
    public async Task Get_IpSecStatistics_writes_both_groups_under_windows_labels()
    {
        await StartAsync();
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 7, Encoding.ASCII.GetBytes("count me")));

        var both = session.Invoke("Get-IpSecStatistics").Ok();
        var quickOnly = session.Invoke("Get-IpSecStatistics -Mode QuickMode").Ok().Single<QuickModeStatistics>();
        var text = session.Render("Get-IpSecStatistics");

        Assert.Equal(2, both.Output.Count);
        var mainMode = (MainModeStatistics)both.Output[0].BaseObject;
        Assert.Equal((1L, 1L, 1L), (mainMode.TotalAcquire, mainMode.MainModeSas, mainMode.QuickModeSas));
        Assert.Equal((2, 2L), (quickOnly.ActiveSas, quickOnly.KeyAdditions));
        Assert.True(quickOnly.ConfidentialBytesSent > 0);
        foreach (var label in new[] { "Active Acquire", "Active Receive", "Acquire Failures", "Receive Failures", "Send Failures", "Authentication Failures",
            "Negotiation Failures", "Invalid Cookies Received", "Total Acquire", "IKE Main Mode", "IKE Quick Mode", "Soft Associations", "Invalid Packets Received",
            "Active Security Associations", "Key Additions", "Key Deletions", "Rekeys", "Active Tunnels", "Bad SPI Packets", "Packets Not Decrypted",
            "Packets Not Authenticated", "Packets With Replay Detection", "Confidential Bytes Sent", "Authenticated Bytes Received", "Transport Bytes Sent",
            "Bytes Sent In Tunnels" })
        {
            Assert.Contains(label, text);
        }
    }

    [Fact]
    public async Task Export_IpSecWiresharkKey_writes_both_tables_owner_only_and_warns()
    {
        await StartAsync();
        var directory = Path.Combine(session.StorePath + "-keys", "profile");

        var result = session.Invoke($"Export-IpSecWiresharkKey -Path '{directory}' -Force -PassThru").Ok();

        var files = result.All<FileInfo>();
        Assert.Equal(new[] { "esp_sa", "ikev1_decryption_table" }, files.Select(f => f.Name));
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.FullName));
        }

        var espSa = File.ReadAllLines(files[0].FullName).Where(line => !line.StartsWith('#')).ToArray();
        Assert.Equal(2, espSa.Length);
        var outbound = pair.Initiator.Kernel.Installed.Single(sa => sa.Direction == global::Engine.Ike.Kernel.SaDirection.Outbound);
        Assert.Contains(espSa, line => line.StartsWith(
            $"\"IPv4\",\"192.0.2.10\",\"192.0.2.20\",\"0x{outbound.Id.Spi:x8}\",\"AES-CBC [RFC3602]\",\"0x{Convert.ToHexString(outbound.EncryptionKey.Span).ToLowerInvariant()}\",\"HMAC-SHA-1-96 [RFC2404]\",",
            StringComparison.Ordinal));
        var ike = Assert.Single(pair.Initiator.Engine.GetIkeSaKeys());
        Assert.Equal($"{ike.InitiatorCookie:x16},{Convert.ToHexString(ike.EncryptionKey.Span).ToLowerInvariant()}",
            File.ReadAllLines(files[1].FullName).Single(line => !line.StartsWith('#')));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("session keys of 2 ESP SAs and 1 ISAKMP SAs", warning);
        Assert.Contains("Delete them when you are done", warning);
    }

    [Fact]
    public async Task Export_IpSecWiresharkKey_writes_nothing_with_WhatIf_and_asks_without_Force()
    {
        await StartAsync();
        var directory = session.StorePath + "-keys";

        var whatIf = session.Invoke($"Export-IpSecWiresharkKey -Path '{directory}' -WhatIf").Ok();
        Assert.False(Directory.Exists(directory));
        Assert.Empty(whatIf.Warnings);

        var asked = session.SingleError($"$ConfirmPreference = 'High'; Export-IpSecWiresharkKey -Path '{directory}'");
        Assert.Contains("cannot prompt", asked.Exception.Message);
        Assert.False(Directory.Exists(directory));

        session.Invoke($"$ConfirmPreference = 'High'; Export-IpSecWiresharkKey -Path '{directory}' -Force").Ok();
        Assert.True(File.Exists(Path.Combine(directory, "esp_sa")));
    }

    [Fact]
    public async Task Tshark_decrypts_the_capture_with_the_files_the_cmdlet_wrote()
    {
        await StartAsync();
        Assert.NotNull(pair.Send(pair.Initiator, 40000, 9, Encoding.ASCII.GetBytes("through the cmdlet")));
        Assert.NotNull(pair.Send(pair.Responder, 9, 40000, Encoding.ASCII.GetBytes("and back")));
        var profile = Path.Combine(session.StorePath + "-keys", "profile");
        var pcap = Path.Combine(session.StorePath + "-keys", "capture.pcap");
        session.Invoke($"Export-IpSecWiresharkKey -Path '{profile}' -Force").Ok();
        using (var writer = new PcapWriter(pcap))
        {
            pair.Packets.ForEach(packet => writer.WriteIpv4(packet));
        }

        var packets = TsharkRunner.Dissect(pcap, profile, "esp.enable_encryption_decode:TRUE", "esp.enable_authentication_check:TRUE");

        var esp = packets.Where(packet => packet.Protocols.Contains("esp")).ToArray();
        Assert.Equal(["through the cmdlet", "and back"], esp.Select(packet => Encoding.ASCII.GetString(Convert.FromHexString(packet.Values("udp.payload").Single()))));
        Assert.All(esp, packet => Assert.Equal(["1"], packet.Shows("esp.icv_good")));
        var encryptedIke = packets.Where(packet => packet.Shows("isakmp.flag_e").FirstOrDefault() == "1").ToArray();
        Assert.Equal(5, encryptedIke.Length);
        Assert.All(encryptedIke, packet => Assert.Single(packet.Shows("isakmp.hash")));
    }

    private async Task StartAsync()
    {
        pair.Negotiate();
        engine = await InProcessEngine.StartAsync(session, new PeerMonitor(pair, pair.Initiator));
    }
}
