using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// The engine's L2TP/IPsec client connection (Connect-VpnGateway), kept in the store document. The
/// IPsec side lives in the generated <see cref="PolicyName"/> (pre-shared key in its rule's auth
/// method); the PPP password in the store's secret file under <see cref="PasswordId"/>.
/// </summary>
public sealed class VpnConnection
{
    /// <summary>The generated policy: one rule securing L2TP (UDP 1701) to the server with the profile's proposals.</summary>
    public const string PolicyName = "VPN connection (L2TP/IPsec)";

    public const string RuleName = "L2TP/IPsec to the VPN gateway";

    public const string FilterListName = "L2TP/IPsec to the VPN gateway (VPN connection)";

    public const string FilterActionName = "L2TP/IPsec (VPN connection)";

    /// <summary>The adapter the engine serves (the engine's -InterfaceAlias).</summary>
    public string InterfaceAlias { get; set; } = string.Empty;

    public IPAddress ServerAddress { get; set; } = IPAddress.None;

    public string UserName { get; set; } = string.Empty;

    public VpnProposalProfile ProposalProfile { get; set; } = VpnProposalProfile.Default;

    /// <summary>The PPP authentication protocols offered, in preference order.</summary>
    public List<VpnAuthenticationMethod> AuthenticationMethods { get; set; } = new() { VpnAuthenticationMethod.MsChapV2 };

    /// <summary>Networks routed through the connection besides the server's classful network (Add-VpnConnectionRoute's prefixes).</summary>
    public List<string> Routes { get; set; } = new();

    /// <summary>Where the password is kept in the store's secret file.</summary>
    public Guid PasswordId { get; set; } = Guid.NewGuid();

    /// <summary>The PPP password, masked; never serialized with the document.</summary>
    [JsonIgnore]
    public Secret? Password { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public VpnConnection Clone()
    {
        var copy = (VpnConnection)MemberwiseClone();
        copy.AuthenticationMethods = AuthenticationMethods.ToList();
        copy.Routes = Routes.ToList();
        return copy;
    }
}
