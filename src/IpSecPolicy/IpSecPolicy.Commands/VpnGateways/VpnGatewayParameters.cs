using System.Collections.Generic;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// The address parameters of Start-VpnGateway and Set-VpnGateway as the model takes them: text
/// parsed by the model's rules, so a bad value is refused with InvalidVpnGatewaySetting naming
/// the parameter; no value (null or blank) means none.
/// </summary>
internal static class VpnGatewayParameters
{
    public static IPAddress? Address(string? text, string setting) =>
        string.IsNullOrWhiteSpace(text) ? null : VpnGatewayRules.ParseAddress(text!, setting);

    public static List<IPAddress> Addresses(IEnumerable<string>? texts, string setting) =>
        (texts ?? Enumerable.Empty<string>()).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => VpnGatewayRules.ParseAddress(t, setting)).ToList();
}
