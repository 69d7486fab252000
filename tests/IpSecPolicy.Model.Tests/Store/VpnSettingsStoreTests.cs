using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>
/// The gateway's and the connection's settings through the store files: everything round trips,
/// the pre-shared keys and the connection's password live in secrets.json (0600) and never in
/// policy-store.json, and removing the settings prunes their secrets.
/// </summary>
public sealed class VpnSettingsStoreTests : IDisposable
{
    private static readonly DateTimeOffset Then = new(2025, 1, 31, 9, 0, 0, TimeSpan.Zero);

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-vpnstore-{Guid.NewGuid():N}");

    private PolicyStore Store => new(directory);

    private string DocumentText => File.ReadAllText(Path.Combine(directory, PolicyStore.DocumentFileName));

    private string SecretsText => File.ReadAllText(Path.Combine(directory, PolicyStore.SecretsFileName));

    [Fact]
    public void Every_gateway_setting_round_trips()
    {
        Store.Update(d => d.SetVpnGateway(new VpnGateway
        {
            InterfaceAlias = "eth0",
            AddressRange = "192.168.50.10-192.168.50.200",
            LocalAddress = IPAddress.Parse("192.168.50.1"),
            DnsServers = new List<IPAddress> { IPAddress.Parse("192.168.1.10"), IPAddress.Parse("192.168.1.11") },
            WinsServers = new List<IPAddress> { IPAddress.Parse("192.168.1.12") },
            AuthenticationMethods = new List<VpnAuthenticationMethod> { VpnAuthenticationMethod.Chap, VpnAuthenticationMethod.MsChapV2 },
            MaxSessions = 50,
            IdleDisconnectSeconds = 900,
            Mtu = 1380,
        }, new Secret("gateway key"), Then));

        var gateway = Store.Read().VpnGateway!;

        Assert.Equal(("eth0", "192.168.50.10-192.168.50.200", IPAddress.Parse("192.168.50.1")), (gateway.InterfaceAlias, gateway.AddressRange, gateway.LocalAddress));
        Assert.Equal(new[] { "192.168.1.10", "192.168.1.11" }, gateway.DnsServers.Select(a => a.ToString()));
        Assert.Equal(new[] { "192.168.1.12" }, gateway.WinsServers.Select(a => a.ToString()));
        Assert.Equal(new[] { VpnAuthenticationMethod.Chap, VpnAuthenticationMethod.MsChapV2 }, gateway.AuthenticationMethods);
        Assert.Equal((50, 900, 1380, Then), (gateway.MaxSessions, gateway.IdleDisconnectSeconds, gateway.Mtu, gateway.LastModified));
        Assert.Contains("\"MsChapV2\"", DocumentText);
    }

    [Fact]
    public void The_gateway_key_is_kept_in_the_secret_file_only()
    {
        Store.Update(d => d.SetVpnGateway(Gateway(), new Secret("gateway key 1"), Then));

        var (document, secrets) = Store.ReadWithSecrets();
        var method = Assert.Single(Assert.Single(document.GetPolicy(VpnGateway.PolicyName).Rules).AuthMethods);

        Assert.Same(Secret.Stored, method.PreSharedKey);
        Assert.Equal("gateway key 1", secrets[method.Id]);
        Assert.DoesNotContain("gateway key 1", DocumentText);
        Assert.Contains("gateway key 1", SecretsText);
    }

    [Fact]
    public void Set_without_a_key_keeps_the_stored_one_and_remove_prunes_it()
    {
        Store.Update(d => d.SetVpnGateway(Gateway(), new Secret("gateway key 1"), Then));
        Store.Update(d => d.SetVpnGateway(Gateway(g => g.Mtu = 1300), null, Then.AddDays(1)));

        Assert.Equal(1300, Store.Read().VpnGateway!.Mtu);
        Assert.Equal(new[] { "gateway key 1" }, Store.ReadSecrets().Values);

        Store.Update(d => d.RemoveVpnGateway());

        Assert.Null(Store.Read().VpnGateway);
        Assert.DoesNotContain("vpnGateway", DocumentText);
        Assert.Empty(Store.ReadSecrets());
    }

    [Fact]
    public void A_new_gateway_key_replaces_the_old_one_in_the_secret_file()
    {
        Store.Update(d => d.SetVpnGateway(Gateway(), new Secret("gateway key 1"), Then));
        Store.Update(d => d.SetVpnGateway(Gateway(), new Secret("gateway key 2"), Then));

        Assert.Equal(new[] { "gateway key 2" }, Store.ReadSecrets().Values);
    }

    [Fact]
    public void The_connection_round_trips_with_its_password_in_the_secret_file_only()
    {
        Store.Update(d => d.SetVpnConnection(Connection(), new Secret("client key"), new Secret("pw-alice"), Then));

        var (document, secrets) = Store.ReadWithSecrets();
        var connection = document.VpnConnection!;

        Assert.Equal(("eth0", IPAddress.Parse("203.0.113.1"), "alice", VpnProposalProfile.MacOS),
            (connection.InterfaceAlias, connection.ServerAddress, connection.UserName, connection.ProposalProfile));
        Assert.Equal(new[] { VpnAuthenticationMethod.MsChapV2, VpnAuthenticationMethod.Pap }, connection.AuthenticationMethods);
        Assert.Equal(new[] { "10.1.0.0/16" }, connection.Routes);
        Assert.Same(Secret.Stored, connection.Password);
        Assert.Equal("pw-alice", secrets[connection.PasswordId]);
        Assert.DoesNotContain("pw-alice", DocumentText);
        Assert.DoesNotContain("client key", DocumentText);
        Assert.Contains("pw-alice", SecretsText);
        Assert.Equal(2, secrets.Count);
    }

    [Fact]
    public void Reconnecting_without_a_password_keeps_it_a_new_one_replaces_it_and_disconnecting_prunes_it()
    {
        Store.Update(d => d.SetVpnConnection(Connection(), new Secret("client key"), new Secret("pw-old"), Then));
        Store.Update(d => d.SetVpnConnection(Connection(c => c.ProposalProfile = VpnProposalProfile.Windows10), null, null, Then));

        Assert.Contains("pw-old", Store.ReadSecrets().Values);
        Assert.Equal(VpnProposalProfile.Windows10, Store.Read().VpnConnection!.ProposalProfile);

        Store.Update(d => d.SetVpnConnection(Connection(), null, new Secret("pw-new"), Then));

        Assert.Equal(new[] { "client key", "pw-new" }, Store.ReadSecrets().Values.OrderBy(v => v, StringComparer.Ordinal));

        Store.Update(d => d.RemoveVpnConnection());

        Assert.Null(Store.Read().VpnConnection);
        Assert.DoesNotContain("vpnConnection", DocumentText);
        Assert.Empty(Store.ReadSecrets());
    }

    [Fact]
    public void A_store_without_VPN_settings_writes_no_VPN_members()
    {
        Store.Update(d => d.Assign(PredefinedObjects.ServerPolicy));

        Assert.DoesNotContain("vpnGateway", DocumentText);
        Assert.DoesNotContain("vpnConnection", DocumentText);
    }

    [Theory]
    [InlineData("vpnGateway", "dnsServers", "$.vpnGateway.dnsServers")]
    [InlineData("vpnGateway", "interfaceAlias", "$.vpnGateway.interfaceAlias")]
    [InlineData("vpnGateway", "authenticationMethods", "$.vpnGateway.authenticationMethods")]
    [InlineData("vpnConnection", "routes", "$.vpnConnection.routes")]
    [InlineData("vpnConnection", "userName", "$.vpnConnection.userName")]
    public void A_hand_edited_null_in_the_VPN_settings_is_StoreCorrupt_with_its_path(string section, string member, string path)
    {
        Store.Update(d => d.SetVpnGateway(Gateway(), new Secret("gateway key"), Then));
        Store.Update(d => d.SetVpnConnection(Connection(), new Secret("client key"), new Secret("pw-alice"), Then));
        var file = Path.Combine(directory, PolicyStore.DocumentFileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        json[section]![member] = null;
        File.WriteAllText(file, json.ToJsonString());

        var error = Assert.Throws<PolicyException>(() => Store.Read());

        Assert.Equal(ErrorIds.StoreCorrupt, error.ErrorId);
        Assert.Contains(path, error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static VpnGateway Gateway(Action<VpnGateway>? change = null)
    {
        var gateway = new VpnGateway { InterfaceAlias = "eth0", AddressRange = "192.168.50.10-192.168.50.200" };
        change?.Invoke(gateway);
        return gateway;
    }

    private static VpnConnection Connection(Action<VpnConnection>? change = null)
    {
        var connection = new VpnConnection
        {
            InterfaceAlias = "eth0",
            ServerAddress = IPAddress.Parse("203.0.113.1"),
            UserName = "alice",
            ProposalProfile = VpnProposalProfile.MacOS,
            AuthenticationMethods = new List<VpnAuthenticationMethod> { VpnAuthenticationMethod.MsChapV2, VpnAuthenticationMethod.Pap },
            Routes = new List<string> { "10.1.0.0/16" },
        };
        change?.Invoke(connection);
        return connection;
    }
}
