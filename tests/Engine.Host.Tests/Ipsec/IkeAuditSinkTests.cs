using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Ipsec;
using Engine.Host.Tests.Ipsec.Support;
using Engine.Host.Tests.Support;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Logging;
using static Engine.Host.Tests.Ipsec.Support.ModelPolicy;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Ipsec;

/// <summary>IKE's events as audit records with Windows' numbers (541, 542, 543, 547), log lines, and the enforcer's own feed.</summary>
public sealed class IkeAuditSinkTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly IPEndPoint Local = new(IPAddress.Parse("192.0.2.10"), 500);
    private static readonly IPEndPoint Remote = new(IPAddress.Parse("198.51.100.7"), 4500);
    private const string Cookies = "0011223344556677/8899aabbccddeeff";

    private readonly RecordingAudit audit = new();
    private readonly RecordingLoggerProvider logs = new();
    private readonly IkeAuditSink sink;
    private readonly List<IkeEvent> observed = [];
    private readonly List<int> recordsWhenObserved = [];

    public IkeAuditSinkTests()
    {
        sink = new IkeAuditSink(audit, logs.CreateLogger("ike"));
        sink.Observed += e =>
        {
            observed.Add(e);
            recordsWhenObserved.Add(audit.Records.Count);
        };
    }

    [Fact]
    public void Main_mode_established_is_541_with_its_proposal_and_the_peers_vendor()
    {
        var e = new MainModeEstablishedEvent
        {
            Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies,
            IsInitiator = true, Proposal = "AesCbc-256/Sha2_256/DH14", Lifetime = TimeSpan.FromHours(8), PeerVendorIds = ["Windows 8 or later", "RFC 3947"],
        };

        var record = Publish(e);

        Assert.Equal(AuditEventIds.SecurityAssociationEstablished, record.Id);
        Assert.Equal(541, record.Id);
        Assert.Equal(AuditOutcome.Success, record.Outcome);
        Assert.Contains("Main Mode", record.Message);
        Assert.Contains("AesCbc-256/Sha2_256/DH14", record.Message);
        Assert.Contains("28800 s", record.Message);
        AssertEndpoints(record);
        Assert.Equal("Main Mode", record.Data!["Mode"]);
        Assert.Equal("Initiator", record.Data["Role"]);
        Assert.Equal("Preshared key", record.Data["Authentication"]);
        Assert.Equal("28800", record.Data["Lifetime"]);
        Assert.Equal("Windows 8 or later, RFC 3947", record.Data["PeerType"]);
    }

    [Fact]
    public void Quick_mode_established_is_541_with_filter_spis_and_encapsulation()
    {
        var e = new QuickModeEstablishedEvent
        {
            Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies,
            ChildSaId = 3, Policy = "Partner", IsInitiator = false,
            LocalTrafficSelector = IkeSelector.ForHost(Local.Address), RemoteTrafficSelector = IkeSelector.ForSubnet(IPAddress.Parse("198.51.100.0"), 24),
            Mode = IpsecMode.Tunnel, Proposal = "ESP[AesCbc-128,HmacSha2_256]:100000k/3600s",
            InboundSpis = new Dictionary<IpsecProtocol, uint> { [IpsecProtocol.Esp] = 0x1234abcd },
            OutboundSpis = new Dictionary<IpsecProtocol, uint> { [IpsecProtocol.Esp] = 0xc0ffee },
            PerfectForwardSecrecy = true, Lifetime = TimeSpan.FromHours(1), LifetimeKilobytes = 100000, UdpEncapsulated = true,
        };

        var record = Publish(e);

        Assert.Equal(541, record.Id);
        Assert.Equal(AuditOutcome.Success, record.Outcome);
        Assert.Contains("Quick Mode", record.Message);
        Assert.Contains("UDP-encapsulated", record.Message);
        Assert.Contains("Esp 0x1234abcd", record.Message);
        AssertEndpoints(record);
        Assert.Equal("Quick Mode", record.Data!["Mode"]);
        Assert.Equal("Responder", record.Data["Role"]);
        Assert.Equal("Partner", record.Data["Policy"]);
        Assert.Equal($"{e.LocalTrafficSelector} <-> {e.RemoteTrafficSelector}", record.Data["Filter"]);
        Assert.Equal("Tunnel", record.Data["Encapsulation"]);
        Assert.Equal("True", record.Data["Pfs"]);
        Assert.Equal("Esp 0x1234abcd", record.Data["InboundSpi"]);
        Assert.Equal("Esp 0x00c0ffee", record.Data["OutboundSpi"]);
        Assert.Equal("3600", record.Data["Lifetime"]);
        Assert.Equal("100000", record.Data["LifetimeKilobytes"]);
        Assert.Equal("True", record.Data["UdpEncapsulated"]);
    }

    [Fact]
    public void Quick_mode_ended_is_542_with_its_spis_and_reason()
    {
        var e = new QuickModeEndedEvent
        {
            Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies, ChildSaId = 3, Reason = SaEndReason.Rekeyed,
            InboundSpis = new Dictionary<IpsecProtocol, uint> { [IpsecProtocol.Esp] = 0x100, [IpsecProtocol.Ah] = 0x200 },
            OutboundSpis = new Dictionary<IpsecProtocol, uint> { [IpsecProtocol.Esp] = 0x300 },
        };

        var record = Publish(e);

        Assert.Equal(AuditEventIds.QuickModeDeleted, record.Id);
        Assert.Equal(542, record.Id);
        Assert.Equal(AuditOutcome.Success, record.Outcome);
        Assert.Contains("Reason: Rekeyed", record.Message);
        AssertEndpoints(record);
        Assert.Equal("Esp 0x00000100 Ah 0x00000200", record.Data!["InboundSpi"]);
        Assert.Equal("Esp 0x00000300", record.Data["OutboundSpi"]);
        Assert.Equal("Rekeyed", record.Data["Reason"]);
    }

    [Fact]
    public void Main_mode_ended_is_543_with_its_reason()
    {
        var record = Publish(new MainModeEndedEvent { Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies, Reason = SaEndReason.PeerDead });

        Assert.Equal(AuditEventIds.MainModeDeleted, record.Id);
        Assert.Equal(543, record.Id);
        Assert.Equal(AuditOutcome.Success, record.Outcome);
        Assert.Contains("Main Mode", record.Message);
        Assert.Contains("Reason: PeerDead", record.Message);
        Assert.Equal("PeerDead", record.Data!["Reason"]);
        AssertEndpoints(record);
    }

    [Fact]
    public void A_failed_negotiation_is_a_547_failure_with_its_point_reason_and_refusals_and_a_warning()
    {
        var e = new NegotiationFailedEvent
        {
            Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies,
            Mode = NegotiationMode.QuickMode, Reason = NegotiationFailureReason.NoProposalChosen, FailurePoint = FailurePoint.Peer,
            Notification = IsakmpNotifyType.NoProposalChosen, Detail = "the peer chose none of our proposals", Policy = "Partner",
            Refusals = ["ESP[Des,HmacMd5]: DES is not offered", "AH[HmacMd5]: AH is not offered"],
        };

        var record = Publish(e);

        Assert.Equal(AuditEventIds.NegotiationFailed, record.Id);
        Assert.Equal(547, record.Id);
        Assert.Equal(AuditOutcome.Failure, record.Outcome);
        Assert.Contains("Failure point: Peer", record.Message);
        Assert.Contains("NoProposalChosen: the peer chose none of our proposals", record.Message);
        Assert.Contains("Refused: ESP[Des,HmacMd5]: DES is not offered; AH[HmacMd5]: AH is not offered", record.Message);
        AssertEndpoints(record);
        Assert.Equal("QuickMode", record.Data!["Mode"]);
        Assert.Equal("Peer", record.Data["FailurePoint"]);
        Assert.Equal("NoProposalChosen", record.Data["Reason"]);
        Assert.Equal("NoProposalChosen", record.Data["Notification"]);
        Assert.Equal("Partner", record.Data["Policy"]);
        Assert.Equal("ESP[Des,HmacMd5]: DES is not offered; AH[HmacMd5]: AH is not offered", record.Data["Refusals"]);

        var line = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(2001, line.EventId.Id);
        Assert.Contains(record.Message, line.Text);
    }

    [Fact]
    public void Empty_fields_are_left_out_of_a_records_data()
    {
        var record = Publish(new NegotiationFailedEvent
        {
            Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies,
            Mode = NegotiationMode.MainMode, Reason = NegotiationFailureReason.NoResponse, FailurePoint = FailurePoint.Peer, Detail = "no answer after 5 tries",
        });

        Assert.DoesNotContain("Notification", record.Data!.Keys);
        Assert.DoesNotContain("Policy", record.Data.Keys);
        Assert.DoesNotContain("Refusals", record.Data.Keys);
        Assert.DoesNotContain("Refused:", record.Message);
        Assert.Equal("NoResponse", record.Data["Reason"]);
    }

    [Fact]
    public void Informational_events_are_logged_and_observed_but_not_audited()
    {
        var e = new PeerInformationEvent { Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies, Message = "NAT detected: we are behind it" };

        sink.Publish(e);

        Assert.Empty(audit.Records);
        Assert.Null(IkeAuditSink.ToRecord(e));
        Assert.Same(e, Assert.Single(observed));
        var line = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal(2000, line.EventId.Id);
        Assert.Contains($"{Remote}: NAT detected: we are behind it", line.Text);
    }

    [Fact]
    public void Audited_events_are_logged_with_the_records_sentence()
    {
        var record = Publish(new MainModeEndedEvent { Time = Time, Local = Local, Remote = Remote, IkeSaId = Cookies, Reason = SaEndReason.Expired });

        var line = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal($"IKE: {record.Message}", line.Text);
    }

    [Fact]
    public async Task A_whole_negotiation_audits_its_sas_and_never_a_key()
    {
        await using var lab = new IpsecLab();
        var a = lab.AddHost("a", ["192.0.2.1"]);
        var b = lab.AddHost("b", ["192.0.2.2"]);
        var policyA = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.2")], pfs: true);
        a.Apply(policyA.CompileFor("192.0.2.1"), policyA.Secrets);
        var policyB = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.1")], pfs: true);
        b.Apply(policyB.CompileFor("192.0.2.2"), policyB.Secrets);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 1, 2, [1, 2, 3]));
        lab.Pump();
        var keys = a.Kernel.InstalledSas().Concat(b.Kernel.InstalledSas())
            .SelectMany(sa => new[] { sa.EncryptionKey.ToArray(), sa.IntegrityKey.ToArray() })
            .Where(key => key.Length > 0)
            .Select(Convert.ToHexString)
            .ToList();
        Assert.NotEmpty(keys);

        a.Ike!.DeleteQuickModeSa(Assert.Single(a.Ike.GetQuickModeSas()).Id);
        lab.Pump();
        a.Ike.DeleteMainModeSa(Assert.Single(a.Ike.GetMainModeSas()).Id);
        lab.Pump();

        foreach (var host in new[] { a, b })
        {
            var ids = host.Audit.Records.Select(r => r.Id).ToList();
            Assert.Equal(2, ids.Count(id => id == 541));
            Assert.Contains(542, ids);
            Assert.Contains(543, ids);
            Assert.DoesNotContain(547, ids);
            var text = string.Join("\n", host.Audit.Records.Select(r => r.Message + "\n" + string.Join("\n", r.Data!.Values)));
            Assert.DoesNotContain(Key, text);
            Assert.All(keys, key =>
            {
                Assert.DoesNotContain(key, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(key[..16], text.Replace(" ", string.Empty), StringComparison.OrdinalIgnoreCase);
            });
        }
    }

    private AuditRecord Publish(IkeEvent e)
    {
        sink.Publish(e);
        var record = Assert.Single(audit.Records);
        var again = IkeAuditSink.ToRecord(e);
        Assert.NotNull(again);
        Assert.Equal((record.Id, record.Outcome, record.Message), (again.Id, again.Outcome, again.Message));
        Assert.Equal(record.Data, again.Data);

        // The enforcer hears of the event after it was audited.
        Assert.Same(e, Assert.Single(observed));
        Assert.Equal([1], recordsWhenObserved);
        return record;
    }

    private static void AssertEndpoints(AuditRecord record)
    {
        Assert.Equal("198.51.100.7", record.Data!["Peer"]);
        Assert.Equal("4500", record.Data["PeerPort"]);
        Assert.Equal("192.0.2.10", record.Data["Local"]);
        Assert.Equal("500", record.Data["LocalPort"]);
        Assert.Equal(Cookies, record.Data["IkeSa"]);
        Assert.Contains("198.51.100.7", record.Message);
    }
}
