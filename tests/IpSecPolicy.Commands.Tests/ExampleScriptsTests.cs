using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.HelpGen;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Shell;

namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// Every script in examples/ runs through the project's own host (as an administrator would run
/// it) on a throw-away store, without an error, and leaves the deployment it describes.
/// </summary>
public sealed class ExampleScriptsTests : IDisposable
{
    private static readonly string Examples = Path.Combine(HelpGen.Program.FindRepositoryRoot(AppContext.BaseDirectory)!, "examples");

    private readonly string store = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-example-{Guid.NewGuid():N}");

    private readonly string socket = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-example-{Guid.NewGuid():N}-engine", "engine.sock");

    [Fact]
    public void Partner_host_to_host_secures_everything_with_the_partner_using_a_pre_shared_key()
    {
        var document = Run("partner-host-to-host.ps1");

        var rule = Assert.Single(document.GetPolicy("Partner").Rules);
        Assert.Equal("Partner", document.AssignedPolicy);
        Assert.Equal(AuthMethodKind.PreSharedKey, Assert.Single(rule.AuthMethods).Kind);
        Assert.Equal(FilterActionType.Negotiate, document.GetFilterAction(rule.FilterAction).Action);
        Assert.True(Assert.Single(document.GetFilterList(rule.FilterList).Filters).Mirrored);
        Assert.Single(new PolicyStore(store).ReadSecrets());
    }

    [Fact]
    public void Sql_server_accepts_only_the_application_server_on_1433_with_3des_sha1_and_pfs()
    {
        var document = Run("sql-server.ps1");

        var policy = document.GetPolicy("SQL Server");
        var secure = document.GetFilterAction(policy.Rules[0].FilterAction);
        Assert.Equal("ESP[3DES,SHA1]:100000k/3600s", Assert.Single(secure.SecurityMethods).ToString());
        Assert.True(secure.SessionKeyPfs);
        var filter = Assert.Single(document.GetFilterList(policy.Rules[0].FilterList).Filters);
        Assert.Equal((ushort)1433, filter.DestinationPort);
        Assert.Equal(FilterActionType.Block, document.GetFilterAction(policy.Rules[1].FilterAction).Action);
    }

    [Fact]
    public void Exemptions_permit_the_unix_server_and_the_macintosh_subnet()
    {
        var document = Run("exemptions.ps1");

        var rule = document.GetRule(document.GetPolicy("Secure Server (Require Security)"), "Exemptions");
        Assert.Equal("Permit", rule.FilterAction);
        Assert.Equal(new[] { "10.20.0.5", "10.30.0.0/24" }, document.GetFilterList(rule.FilterList).Filters.Select(f => f.DestinationAddress.ToString()));
    }

    [Fact]
    public void Boundary_host_requests_and_isolated_server_requires_security_with_icmp_and_snmp_permitted()
    {
        var document = Run("boundary-and-isolated.ps1");

        Assert.Equal("Request Security (Optional)", document.GetRule(document.GetPolicy("Boundary host"), "All IP traffic").FilterAction);
        Assert.Equal("Require Security", document.GetRule(document.GetPolicy("Isolated server"), "All IP traffic").FilterAction);
        foreach (var policy in new[] { "Boundary host", "Isolated server" })
        {
            Assert.Equal("Permit", document.GetRule(document.GetPolicy(policy), "SNMP").FilterAction);
            Assert.Equal("Permit", document.GetRule(document.GetPolicy(policy), "ICMP").FilterAction);
        }
    }

    [Fact]
    public void Site_to_site_tunnel_has_one_tunnel_rule_per_direction()
    {
        var document = Run("site-to-site-tunnel.ps1");

        var rules = document.GetPolicy("Site-to-site").Rules;
        Assert.Equal(new[] { "203.0.113.1", "198.51.100.1" }, rules.Select(r => r.TunnelEndpoint!.ToString()));
        Assert.All(rules, r => Assert.False(Assert.Single(document.GetFilterList(r.FilterList).Filters).Mirrored));
    }

    [Fact]
    public void The_tour_runs()
    {
        var document = Run("tour.ps1");

        Assert.NotNull(document.Assigned);
    }

    [Fact]
    public async Task Vpn_gateway_adds_the_users_starts_the_gateway_and_shows_the_sessions()
    {
        await using var engine = new FakeEngine(socket, store, "test0");
        engine.Handlers[ControlCommands.GetVpnGateway] = _ => new VpnGatewayStatus { State = "Running", InterfaceAlias = "test0", AddressRange = "192.168.50.10-192.168.50.200" };
        engine.Handlers[ControlCommands.GetVpnSession] = _ => new[]
        {
            new VpnSession { Id = 1, UserName = "alice", ClientAddress = "198.51.100.23", ClientPort = 1701, AssignedAddress = "192.168.50.11", ConnectedSince = DateTimeOffset.Now },
        };

        var (document, output) = RunWithOutput("vpn-gateway.ps1", "-InterfaceAlias", "test0");

        var gateway = document.VpnGateway!;
        Assert.Equal(("test0", "192.168.50.10-192.168.50.200", 1800), (gateway.InterfaceAlias, gateway.AddressRange, gateway.IdleDisconnectSeconds));
        Assert.Equal(new[] { "192.168.1.10" }, gateway.DnsServers.Select(a => a.ToString()));
        Assert.Equal(VpnGateway.RuleName, Assert.Single(document.GetPolicy(VpnGateway.PolicyName).Rules).Name);
        Assert.Equal(new[] { "alice", "bob" }, new VpnUserStore(new PolicyStore(store)).Read().Users.Select(u => u.Name));
        Assert.True(output.Contains("198.51.100.23:1701", StringComparison.Ordinal), output);
        Assert.DoesNotContain("Line |", output);
        Assert.Equal(1, engine.Count(ControlCommands.Sync));

        // Run again: the users are kept, the settings written again.
        RunWithOutput("vpn-gateway.ps1", "-InterfaceAlias", "test0");
        Assert.Equal(2, engine.Count(ControlCommands.Sync));
    }

    [Fact]
    public async Task Vpn_client_connects_waits_shows_the_connection_and_hangs_up()
    {
        await using var engine = new FakeEngine(socket, store, "test0");
        engine.Handlers[ControlCommands.GetVpnConnection] = _ => new VpnConnectionStatus
        {
            State = "Connected", ServerAddress = "203.0.113.1", UserName = "alice", ProposalProfile = "Windows10", AssignedAddress = "192.168.50.11",
        };

        var (document, output) = RunWithOutput("vpn-client.ps1", "-InterfaceAlias", "test0");

        Assert.Null(document.VpnConnection);
        Assert.Null(document.FindPolicy(VpnConnection.PolicyName));
        Assert.Empty(new PolicyStore(store).ReadSecrets());
        Assert.Equal(2, engine.Count(ControlCommands.Sync));
        Assert.Matches(@"Assigned Address\s+: 192\.168\.50\.11", output);
        Assert.DoesNotContain("Example password: change me", output);
        Assert.DoesNotContain("Line |", output);
    }

    /// <summary>A new example must get a test above; this list makes that impossible to forget.</summary>
    [Fact]
    public void Every_example_is_covered_by_a_test_here()
    {
        var scripts = Directory.GetFiles(Examples, "*.ps1").Select(Path.GetFileName).OrderBy(n => n).ToArray();

        Assert.Equal(
            new[] { "boundary-and-isolated.ps1", "exemptions.ps1", "partner-host-to-host.ps1", "site-to-site-tunnel.ps1", "sql-server.ps1", "tour.ps1", "vpn-client.ps1", "vpn-gateway.ps1" },
            scripts);
    }

    private StoreDocument Run(string script) => RunWithOutput(script).Document;

    /// <summary>
    /// Runs an example as ipsecpolicy-shell would, on the throw-away store; its engine cmdlets talk
    /// to a socket of the test's own (a FakeEngine when the example needs an engine).
    /// </summary>
    private (StoreDocument Document, string Output) RunWithOutput(string script, params string[] arguments)
    {
        var output = new StringWriter();
        var path = Path.Combine(Examples, script);
        var code = ScriptRunner.Run(File.ReadAllText(path), path, arguments, output, output,
            new System.Collections.Generic.Dictionary<string, object> { ["IpSecPolicyStore"] = store, ["IpSecPolicyControlSocket"] = socket });

        Assert.True(code == 0, $"{script} exited {code}:\n{output}");
        Assert.DoesNotContain("Exception", output.ToString());
        Assert.DoesNotContain("Example key: change me", output.ToString());
        return (new PolicyStore(store).Read(), output.ToString());
    }

    public void Dispose()
    {
        foreach (var directory in new[] { store, Path.GetDirectoryName(socket)! })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
