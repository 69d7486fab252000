using System;
using System.Linq;
using System.Net;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;
using GatewaySettings = IpSecPolicy.Model.Objects.VpnGateway;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// What Get-VpnGateway and Get-VpnConnection write when no engine answers: the stored settings
/// with the state the contract gives them (Stopped or Disconnected when nothing is configured,
/// Failed with the reason when something is but no engine serves it) and no live figures.
/// </summary>
internal static class VpnStatusFromStore
{
    public const string Stopped = "Stopped";
    public const string Failed = "Failed";
    public const string Disconnected = "Disconnected";

    public static string EngineNotRunning(string socketPath) =>
        $"The engine is not running: no IpSecPolicy engine answers at {socketPath}. Start-VpnGateway or Connect-VpnGateway starts one (or Start-IpSecEngine).";

    public static VpnGatewayStatus Gateway(GatewaySettings? gateway, string problem)
    {
        if (gateway is null)
        {
            return new VpnGatewayStatus { State = Stopped };
        }

        return new VpnGatewayStatus
        {
            State = Failed,
            Problem = problem,
            InterfaceAlias = gateway.InterfaceAlias,
            AddressRange = gateway.AddressRange,
            LocalAddress = (gateway.LocalAddress ?? FirstOfPool(gateway))?.ToString() ?? string.Empty,
            DnsServers = gateway.DnsServers.Select(a => a.ToString()).ToArray(),
            WinsServers = gateway.WinsServers.Select(a => a.ToString()).ToArray(),
            AuthenticationMethods = gateway.AuthenticationMethods.Select(m => m.ToString()).ToArray(),
            MaxSessions = gateway.MaxSessions,
            IdleDisconnectSeconds = gateway.IdleDisconnectSeconds,
            Mtu = gateway.Mtu,
            AddressesFree = PoolAddresses(gateway),
        };
    }

    public static VpnConnectionStatus Connection(VpnConnection? connection, string problem)
    {
        if (connection is null)
        {
            return new VpnConnectionStatus { State = Disconnected };
        }

        return new VpnConnectionStatus
        {
            State = Failed,
            LastError = problem,
            ServerAddress = connection.ServerAddress.ToString(),
            UserName = connection.UserName,
            ProposalProfile = connection.ProposalProfile.ToString(),
            AuthenticationMethods = connection.AuthenticationMethods.Select(m => m.ToString()).ToArray(),
            Routes = connection.Routes.ToArray(),
        };
    }

    /// <summary>The gateway takes the pool's first address for itself when no -LocalAddress is given.</summary>
    private static IPAddress? FirstOfPool(GatewaySettings gateway)
    {
        try
        {
            return VpnGatewayRules.ParseAddressRange(gateway.AddressRange).First;
        }
        catch (PolicyException)
        {
            return null;
        }
    }

    /// <summary>The pool's addresses a client could get: all of the range but the gateway's own one.</summary>
    private static int PoolAddresses(GatewaySettings gateway)
    {
        try
        {
            var (first, last) = VpnGatewayRules.ParseAddressRange(gateway.AddressRange);
            var size = (long)Number(last) - Number(first) + 1;
            var own = gateway.LocalAddress ?? first;
            var ownInPool = Number(own) >= Number(first) && Number(own) <= Number(last);
            return (int)Math.Max(0, size - (ownInPool ? 1 : 0));
        }
        catch (PolicyException)
        {
            return 0;
        }
    }

    private static uint Number(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 ? ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3] : 0;
    }
}
