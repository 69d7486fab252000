using System;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>The VPN gateway's and the VPN connection's settings and generated policies, changed inside PolicyStore.Update.</summary>
public static class VpnGatewayOperations
{
    /// <summary>The port L2TP uses (RFC 2661 section 8.1), which the generated filters secure.</summary>
    public const ushort L2tpPort = 1701;

    private static readonly GeneratedVpnPolicy.Names GatewayNames = new()
    {
        Policy = VpnGateway.PolicyName,
        Rule = VpnGateway.RuleName,
        FilterList = VpnGateway.FilterListName,
        FilterAction = VpnGateway.FilterActionName,
        Description = "L2TP (UDP 1701) between this gateway and its remote-access clients, ESP transport mode (RFC 3193).",
    };

    private static readonly GeneratedVpnPolicy.Names ConnectionNames = new()
    {
        Policy = VpnConnection.PolicyName,
        Rule = VpnConnection.RuleName,
        FilterList = VpnConnection.FilterListName,
        FilterAction = VpnConnection.FilterActionName,
        Description = "L2TP (UDP 1701) between this host and its VPN gateway, ESP transport mode (RFC 3193).",
    };

    /// <summary>
    /// Stores the gateway's settings and writes its policy: Me UDP 1701 to Any, mirrored, Negotiate
    /// with every built-in client's quick mode methods, main mode covering their offers, the
    /// pre-shared key (null keeps the stored one).
    /// </summary>
    public static VpnGateway SetVpnGateway(this StoreDocument document, VpnGateway gateway, Secret? preSharedKey, DateTimeOffset now)
    {
        VpnGatewayRules.Check(gateway);
        var filter = new Filter
        {
            SourceAddress = Values.FilterAddress.Me,
            DestinationAddress = Values.FilterAddress.Any,
            Protocol = FilterProtocol.Udp,
            SourcePort = L2tpPort,
            Mirrored = true,
        };
        GeneratedVpnPolicy.Write(document, GatewayNames, filter, VpnClientProposals.GatewayMainMode(), VpnClientProposals.GatewayQuickMode(), preSharedKey, now);
        gateway.LastModified = now;
        document.VpnGateway = gateway;
        return gateway;
    }

    /// <summary>The gateway's settings; VpnGatewayNotConfigured when the store has none.</summary>
    public static VpnGateway GetVpnGateway(this StoreDocument document) =>
        document.VpnGateway ?? throw NotConfigured(ErrorIds.VpnGatewayNotConfigured, "This store configures no VPN gateway (Start-VpnGateway does).");

    /// <summary>Removes the gateway's settings and its generated objects; the gateway as it was.</summary>
    public static VpnGateway RemoveVpnGateway(this StoreDocument document)
    {
        var gateway = document.GetVpnGateway();
        GeneratedVpnPolicy.Remove(document, GatewayNames);
        document.VpnGateway = null;
        return gateway;
    }

    /// <summary>
    /// Stores the client connection and writes its policy: Me UDP 1701 to the server's UDP 1701,
    /// mirrored, Negotiate with the profile's quick mode methods, main mode with its offers.
    /// Null <paramref name="preSharedKey"/> or <paramref name="password"/> keep the stored ones. The
    /// password must be one a gateway's user can have (InvalidPassword otherwise).
    /// </summary>
    public static VpnConnection SetVpnConnection(this StoreDocument document, VpnConnection connection, Secret? preSharedKey, Secret? password, DateTimeOffset now)
    {
        VpnGatewayRules.Check(connection);
        var previous = document.VpnConnection;
        if (password is { HasValue: true })
        {
            VpnUserRules.CheckPassword(password, connection.UserName);
            connection.Password = password;
        }
        else if (previous is not null)
        {
            connection.PasswordId = previous.PasswordId;
            connection.Password = Secret.Stored;
        }
        else
        {
            throw new PolicyException(ErrorIds.InvalidVpnConnectionSetting, PolicyErrorCategory.InvalidArgument,
                "A new VPN connection needs the user's password (-Password).", "Password");
        }

        var filter = new Filter
        {
            SourceAddress = Values.FilterAddress.Me,
            DestinationAddress = Values.FilterAddress.FromAddress(connection.ServerAddress),
            Protocol = FilterProtocol.Udp,
            SourcePort = L2tpPort,
            DestinationPort = L2tpPort,
            Mirrored = true,
        };
        GeneratedVpnPolicy.Write(document, ConnectionNames, filter, VpnClientProposals.MainMode(connection.ProposalProfile),
            VpnClientProposals.QuickMode(connection.ProposalProfile), preSharedKey, now);
        connection.LastModified = now;
        document.VpnConnection = connection;
        return connection;
    }

    /// <summary>Removes the client connection and its generated objects; the connection as it was.</summary>
    public static VpnConnection RemoveVpnConnection(this StoreDocument document)
    {
        var connection = document.VpnConnection ?? throw NotConfigured(ErrorIds.VpnConnectionNotConfigured, "This store holds no VPN connection (Connect-VpnGateway makes one).");
        GeneratedVpnPolicy.Remove(document, ConnectionNames);
        document.VpnConnection = null;
        return connection;
    }

    private static PolicyException NotConfigured(string id, string message) =>
        new(id, PolicyErrorCategory.ObjectNotFound, message, null);
}
