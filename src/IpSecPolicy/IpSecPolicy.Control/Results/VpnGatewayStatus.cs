using System;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// The VPN gateway as GetVpnGateway returns it and Get-VpnGateway writes it: its settings (as the
/// engine runs them), its state and its use. Never carries the pre-shared key or a password.
/// </summary>
public sealed class VpnGatewayStatus
{
    /// <summary>Running (the engine serves clients), Stopped (no gateway configured) or Failed (configured but not running; see Problem).</summary>
    public string State { get; set; } = string.Empty;

    public string InterfaceAlias { get; set; } = string.Empty;

    /// <summary>The engine's public addresses clients connect to (the adapter's).</summary>
    public string[] ServerAddresses { get; set; } = Array.Empty<string>();

    public string AddressRange { get; set; } = string.Empty;

    /// <summary>The gateway's own address on the PPP links.</summary>
    public string LocalAddress { get; set; } = string.Empty;

    public string[] DnsServers { get; set; } = Array.Empty<string>();

    public string[] WinsServers { get; set; } = Array.Empty<string>();

    /// <summary>MsChapV2, Chap, Pap: the PPP methods accepted, in the order asked for.</summary>
    public string[] AuthenticationMethods { get; set; } = Array.Empty<string>();

    public int MaxSessions { get; set; }

    public int IdleDisconnectSeconds { get; set; }

    public int Mtu { get; set; }

    /// <summary>Sessions up now (PPP authenticated, an address assigned).</summary>
    public int Sessions { get; set; }

    /// <summary>L2TP tunnels now, established or being set up.</summary>
    public int Tunnels { get; set; }

    /// <summary>Pool addresses still free.</summary>
    public int AddressesFree { get; set; }

    /// <summary>When the gateway started serving, as the engine's clock says.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Connections since start; failed authentications since start; sessions refused (pool or MaxSessions).</summary>
    public long ConnectionsTotal { get; set; }

    public long AuthenticationFailures { get; set; }

    public long SessionsRefused { get; set; }

    /// <summary>Why the gateway is not running, when State is Failed.</summary>
    public string? Problem { get; set; }
}
