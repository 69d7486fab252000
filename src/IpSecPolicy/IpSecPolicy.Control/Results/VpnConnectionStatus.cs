using System;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// The engine's L2TP/IPsec client connection as GetVpnConnection returns it and Get-VpnConnection
/// writes it (what Windows' Get-VpnConnection shows, plus the link's figures). Never carries the
/// pre-shared key or the password.
/// </summary>
public sealed class VpnConnectionStatus
{
    public string ServerAddress { get; set; } = string.Empty;

    public string UserName { get; set; } = string.Empty;

    /// <summary>The built-in client whose proposals are offered.</summary>
    public string ProposalProfile { get; set; } = string.Empty;

    public string[] AuthenticationMethods { get; set; } = Array.Empty<string>();

    /// <summary>Disconnected, Connecting (IPsec, L2TP or PPP being set up), Connected or Failed (see LastError; the engine retries).</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>The address the gateway assigned, once connected.</summary>
    public string? AssignedAddress { get; set; }

    /// <summary>The gateway's address on the PPP link.</summary>
    public string? GatewayAddress { get; set; }

    public string[] DnsServers { get; set; } = Array.Empty<string>();

    public string[] WinsServers { get; set; } = Array.Empty<string>();

    /// <summary>Networks routed through the connection.</summary>
    public string[] Routes { get; set; } = Array.Empty<string>();

    /// <summary>The PPP authentication method the gateway chose.</summary>
    public string? AuthenticationMethod { get; set; }

    public DateTimeOffset? ConnectedSince { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    public long PacketsIn { get; set; }

    public long PacketsOut { get; set; }

    /// <summary>Why the last attempt failed (wrong password, no answer, ...), if it did.</summary>
    public string? LastError { get; set; }
}
