using System;
using System.Collections.Generic;
using System.Globalization;
using Engine.Host.Audit;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Vpn;

/// <summary>The VPN gateway's and client's audit records, worded as RemoteAccess and RasClient word them. Never a password.</summary>
internal static class VpnAudit
{
    public static AuditRecord Connected(string user, string client, string address, ulong session) =>
        new(AuditEventIds.VpnUserConnected, AuditOutcome.Success,
            $"The user {user} connected from {client} has been assigned address {address}.",
            Data(("User", user), ("Client", client), ("AssignedAddress", address), ("Session", Number(session))));

    public static AuditRecord Disconnected(string user, string client, string address, ulong session, TimeSpan active, long bytesSent, long bytesReceived, string reason) =>
        new(AuditEventIds.VpnUserDisconnected, AuditOutcome.Success,
            $"The user {user} connected from {client} with address {address} disconnected. The user was active for {Minutes(active)}. {Number(bytesSent)} bytes were sent and {Number(bytesReceived)} bytes were received. The reason for disconnecting was: {reason}.",
            Data(("User", user), ("Client", client), ("AssignedAddress", address), ("Session", Number(session)),
                ("ActiveSeconds", Number((long)active.TotalSeconds)), ("BytesSent", Number(bytesSent)), ("BytesReceived", Number(bytesReceived)), ("Reason", reason)));

    public static AuditRecord AuthenticationFailed(string? user, string client, string protocol, string reason) =>
        new(AuditEventIds.VpnAuthenticationFailed, AuditOutcome.Failure,
            $"The user {user ?? "(none given)"} connected from {client} but failed an authentication attempt ({protocol}) due to the following reason: {reason}.",
            Data(("User", user ?? string.Empty), ("Client", client), ("Protocol", protocol), ("Reason", reason)));

    public static AuditRecord Refused(string? user, string client, string reason) =>
        new(AuditEventIds.VpnConnectionRefused, AuditOutcome.Failure,
            $"A connection from {client}{(user is null ? string.Empty : $" (user {user})")} was refused: {reason}.",
            Data(("User", user ?? string.Empty), ("Client", client), ("Reason", reason)));

    public static AuditRecord ClientConnected(string server, string user, string address) =>
        new(AuditEventIds.VpnClientConnected, AuditOutcome.Success,
            $"The user {user} connected to the VPN gateway {server} and was assigned address {address}.",
            Data(("Server", server), ("User", user), ("AssignedAddress", address)));

    public static AuditRecord ClientDisconnected(string server, string user, string reason) =>
        new(AuditEventIds.VpnClientDisconnected, AuditOutcome.Success,
            $"The connection of {user} to the VPN gateway {server} was terminated: {reason}.",
            Data(("Server", server), ("User", user), ("Reason", reason)));

    public static AuditRecord ClientFailed(string server, string user, string reason) =>
        new(AuditEventIds.VpnClientFailed, AuditOutcome.Failure,
            $"The connection of {user} to the VPN gateway {server} failed: {reason}.",
            Data(("Server", server), ("User", user), ("Reason", reason)));

    private static string Minutes(TimeSpan active) =>
        $"{((long)active.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes {active.Seconds.ToString(CultureInfo.InvariantCulture)} seconds";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, string> Data(params (string Key, string Value)[] fields)
    {
        var data = new Dictionary<string, string>();
        foreach (var (key, value) in fields)
        {
            data[key] = value;
        }

        return data;
    }
}
