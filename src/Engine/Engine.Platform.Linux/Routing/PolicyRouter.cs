using System;
using System.Globalization;
using Engine.Platform.Linux.Commands;
using Engine.Platform.Linux.Interop;

namespace Engine.Platform.Linux.Routing;

/// <summary>
/// Installs the policy routing that carries secure-marked packets into the TUN device, for IPv4
/// and IPv6: <c>ip rule fwmark SECURE/MASK lookup TABLE</c>, and in TABLE a default route through
/// the TUN device above a default blackhole of the worst metric.
/// </summary>
/// <remarks>
/// The blackhole is the routing half of failing closed. The route through the TUN device vanishes
/// with the device when the engine dies, but the rule and the blackhole are kernel state and stay:
/// marked packets are then discarded instead of falling through to the main table and leaving in
/// the clear. (The nftables guard chain drops them as well, so either alone suffices.)
/// The engine's own sockets carry <see cref="PolicyRoutingOptions.BypassMark"/>, which the rule does
/// not match, so its IKE and ESP use the main table.
/// </remarks>
public sealed class PolicyRouter
{
    private static readonly string[] Families = ["-4", "-6"];
    private readonly PolicyRoutingOptions _options;
    private readonly string? _networkNamespace;

    /// <summary>
    /// A router for namespace <paramref name="networkNamespace"/>, or for the process's own
    /// namespace when null (the engine runs inside the namespace it serves).
    /// </summary>
    public PolicyRouter(PolicyRoutingOptions options, string? networkNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _networkNamespace = networkNamespace;
    }

    /// <summary>
    /// Installs (or re-installs, idempotently) the rule, the blackhole and the route through
    /// <paramref name="tunInterfaceName"/>, which must exist. Call again after re-creating the device.
    /// </summary>
    /// <exception cref="ExternalCommandException">An <c>ip</c> command failed.</exception>
    public void Install(string tunInterfaceName)
    {
        InterfaceNames.Validate(tunInterfaceName, nameof(tunInterfaceName));
        string table = _options.RouteTable.ToString(CultureInfo.InvariantCulture);
        string priority = _options.RulePriority.ToString(CultureInfo.InvariantCulture);
        foreach (string family in Families)
        {
            DeleteRules(family);
            try
            {
                // Blackhole first and rule last: no moment exists where marked packets find the rule
                // but no route in the table and fall through to the main table.
                IpCommand.Batch(_networkNamespace, family,
                [
                    $"route replace blackhole default metric {uint.MaxValue} table {table}",
                    $"route replace default dev {tunInterfaceName} table {table}",
                    $"rule add fwmark {_options.SecureMarkSelector} lookup {table} priority {priority}",
                ]);
            }
            catch (ExternalCommandException disabled) when (family == "-6" && disabled.Message.Contains("IPv6 is disabled", StringComparison.Ordinal))
            {
                // With IPv6 switched off no IPv6 packet leaves this namespace at all, so there is
                // nothing to route into the TUN device; IPv4 must not be left unrouted because of it.
            }
        }
    }

    /// <summary>
    /// Removes the rule and empties the table: marked packets then follow the main table. Only for
    /// a deliberate stop, together with removing the nftables table; never on a crash path.
    /// </summary>
    public void Remove()
    {
        string table = _options.RouteTable.ToString(CultureInfo.InvariantCulture);
        foreach (string family in Families)
        {
            DeleteRules(family);
            IpCommand.Run(_networkNamespace, [family, "route", "flush", "table", table]);
        }
    }

    private void DeleteRules(string family)
    {
        string[] rule =
        [
            family, "rule", "delete", "fwmark", _options.SecureMarkSelector,
            "lookup", _options.RouteTable.ToString(CultureInfo.InvariantCulture),
            "priority", _options.RulePriority.ToString(CultureInfo.InvariantCulture),
        ];
        // The kernel keeps duplicates; delete until none is left. The bound guards against an
        // ip that reports success without deleting.
        int deleted = 0;
        while (deleted < 64 && IpCommand.Run(_networkNamespace, rule).Succeeded)
        {
            deleted++;
        }
    }
}
