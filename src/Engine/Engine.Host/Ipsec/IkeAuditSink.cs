using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Engine.Host.Audit;
using Engine.Host.Logging;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Ipsec;

/// <summary>
/// IKE's structured events as audit records (541, 542, 543, 547 with Windows' numbers) and log
/// lines; every event is also handed to <see cref="Observed"/> for the enforcer's own decisions
/// (fallback to clear, the failure block). Called with IKE's lock held: it only formats and queues.
/// </summary>
internal sealed class IkeAuditSink(IAuditSink audit, ILogger logger) : IIkeEventSink
{
    /// <summary>Every event, after it was audited and logged.</summary>
    public event Action<IkeEvent>? Observed;

    public void Publish(IkeEvent ikeEvent)
    {
        var record = ToRecord(ikeEvent);
        if (record is not null)
        {
            audit.Write(record);
        }

        var text = record?.Message ?? Describe(ikeEvent);
        if (ikeEvent is NegotiationFailedEvent)
        {
            logger.IkeFailure(text);
        }
        else
        {
            logger.IkeEvent(text);
        }

        Observed?.Invoke(ikeEvent);
    }

    /// <summary>The audit record for an event with a Windows number; null for informational events.</summary>
    public static AuditRecord? ToRecord(IkeEvent ikeEvent) => ikeEvent switch
    {
        MainModeEstablishedEvent e => new AuditRecord(AuditEventIds.SecurityAssociationEstablished, AuditOutcome.Success,
            $"IKE security association established. Mode: Key Exchange Mode (Main Mode). Peer: {e.Remote}. Parameters: {e.Proposal}, lifetime {Seconds(e.Lifetime)} s.",
            Data(e, ("Mode", "Main Mode"), ("Role", Role(e.IsInitiator)), ("Authentication", e.AuthenticationMethod),
                ("Parameters", e.Proposal), ("Lifetime", Seconds(e.Lifetime)), ("PeerType", string.Join(", ", e.PeerVendorIds)))),
        QuickModeEstablishedEvent e => new AuditRecord(AuditEventIds.SecurityAssociationEstablished, AuditOutcome.Success,
            $"IKE security association established. Mode: Data Protection Mode (Quick Mode). Peer: {e.Remote}. Filter: {e.LocalTrafficSelector} <-> {e.RemoteTrafficSelector} ({e.Policy}). Parameters: {e.Mode} {e.Proposal}{(e.UdpEncapsulated ? ", UDP-encapsulated" : string.Empty)}, inbound SPI {Spis(e.InboundSpis)}, outbound SPI {Spis(e.OutboundSpis)}.",
            Data(e, ("Mode", "Quick Mode"), ("Role", Role(e.IsInitiator)), ("Policy", e.Policy), ("Filter", $"{e.LocalTrafficSelector} <-> {e.RemoteTrafficSelector}"),
                ("Encapsulation", e.Mode.ToString()), ("Parameters", e.Proposal), ("Pfs", e.PerfectForwardSecrecy.ToString()),
                ("InboundSpi", Spis(e.InboundSpis)), ("OutboundSpi", Spis(e.OutboundSpis)),
                ("Lifetime", Seconds(e.Lifetime)), ("LifetimeKilobytes", e.LifetimeKilobytes.ToString(CultureInfo.InvariantCulture)),
                ("UdpEncapsulated", e.UdpEncapsulated.ToString()))),
        QuickModeEndedEvent e => new AuditRecord(AuditEventIds.QuickModeDeleted, AuditOutcome.Success,
            $"IKE security association ended. Mode: Data Protection (Quick mode). Peer: {e.Remote}. Inbound SPI {Spis(e.InboundSpis)}, outbound SPI {Spis(e.OutboundSpis)}. Reason: {e.Reason}.",
            Data(e, ("Mode", "Quick Mode"), ("InboundSpi", Spis(e.InboundSpis)), ("OutboundSpi", Spis(e.OutboundSpis)), ("Reason", e.Reason.ToString()))),
        MainModeEndedEvent e => new AuditRecord(AuditEventIds.MainModeDeleted, AuditOutcome.Success,
            $"IKE security association ended. Mode: Key Exchange Mode (Main Mode). Peer: {e.Remote}. Reason: {e.Reason}.",
            Data(e, ("Mode", "Main Mode"), ("Reason", e.Reason.ToString()))),
        NegotiationFailedEvent e => new AuditRecord(AuditEventIds.NegotiationFailed, AuditOutcome.Failure,
            $"IKE security association negotiation failed. Mode: {e.Mode}. Peer: {e.Remote}. Failure point: {e.FailurePoint}. Failure reason: {e.Reason}: {e.Detail}"
            + (e.Refusals.Count == 0 ? string.Empty : $" Refused: {string.Join("; ", e.Refusals)}"),
            Data(e, ("Mode", e.Mode.ToString()), ("FailurePoint", e.FailurePoint.ToString()), ("Reason", e.Reason.ToString()),
                ("Detail", e.Detail), ("Notification", e.Notification?.ToString() ?? string.Empty), ("Policy", e.Policy ?? string.Empty),
                ("Refusals", string.Join("; ", e.Refusals)))),
        _ => null,
    };

    private static string Describe(IkeEvent ikeEvent) => ikeEvent switch
    {
        PeerInformationEvent e => $"{e.Remote}: {e.Message}",
        _ => ikeEvent.ToString(),
    };

    private static Dictionary<string, string> Data(IkeEvent e, params (string Name, string Value)[] fields)
    {
        var data = new Dictionary<string, string>
        {
            ["Peer"] = e.Remote.Address.ToString(),
            ["PeerPort"] = e.Remote.Port.ToString(CultureInfo.InvariantCulture),
            ["Local"] = e.Local.Address.ToString(),
            ["LocalPort"] = e.Local.Port.ToString(CultureInfo.InvariantCulture),
            ["IkeSa"] = e.IkeSaId,
        };
        foreach (var (name, value) in fields.Where(f => f.Value.Length > 0))
        {
            data[name] = value;
        }

        return data;
    }

    private static string Role(bool initiator) => initiator ? "Initiator" : "Responder";

    private static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Spis(IReadOnlyDictionary<IpsecProtocol, uint> spis) =>
        string.Join(" ", spis.Select(s => $"{s.Key} 0x{s.Value.ToString("x8", CultureInfo.InvariantCulture)}"));
}
