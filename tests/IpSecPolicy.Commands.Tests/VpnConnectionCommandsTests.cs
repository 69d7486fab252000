using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Commands.VpnGateways;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// Connect-VpnGateway, Get-VpnConnection and Disconnect-VpnGateway: the connection and its
/// password in the store, -WhatIf, the refusals, -Wait against a fake engine's answers, and no
/// key or password in anything they show.
/// </summary>
public sealed class VpnConnectionCommandsTests : IAsyncLifetime
{
    private const string Key = "client-psk-Heron#88";
    private const string Password = "alice-Pa55word-Lynx";
    private const string Connect = "Connect-VpnGateway -ServerAddress 203.0.113.1 -UserName alice";

    private readonly PowerShellSession session = new();
    private FakeEngine? engine;

    public Task InitializeAsync()
    {
        session.DefineSecureString("psk", Key);
        session.DefineSecureString("pw", Password);
        session.DefineSecureString("empty", string.Empty);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        session.Dispose();
    }

    private PolicyStore Store => new(session.StorePath);

    private string DocumentText => File.ReadAllText(Path.Combine(session.StorePath, PolicyStore.DocumentFileName));

    [Fact]
    public void Connect_with_WhatIf_writes_nothing_and_names_server_user_and_profile_only()
    {
        var result = session.Invoke($"{Connect} -PreSharedKey $psk -Password $pw -InterfaceAlias eth0 -ProposalProfile MacOS -WhatIf").Ok();
        var text = session.Render($"{Connect} -PreSharedKey $psk -Password $pw -InterfaceAlias eth0 -ProposalProfile MacOS -WhatIf");

        Assert.Empty(result.Output);
        Assert.Contains("L2TP/IPsec connection to 203.0.113.1 as 'alice'", text);
        Assert.Contains("MacOS client's proposals", text);
        Assert.DoesNotContain(Key, text);
        Assert.DoesNotContain(Password, text);
        Assert.False(File.Exists(Path.Combine(session.StorePath, PolicyStore.DocumentFileName)));
    }

    [Fact]
    public void Without_an_engine_the_adapter_must_be_given()
    {
        var error = session.SingleError($"{Connect} -PreSharedKey $psk -Password $pw");

        Assert.Equal("InvalidVpnConnectionSetting", ModelErrors.Id(error));
        Assert.Equal("InterfaceAlias", error.TargetObject);
    }

    [Theory]
    [InlineData("-ServerAddress vpn.corp.example -UserName alice -PreSharedKey $psk -Password $pw", "InvalidVpnConnectionSetting", "ServerAddress")]
    [InlineData("-ServerAddress 224.0.0.1 -UserName alice -PreSharedKey $psk -Password $pw", "InvalidVpnConnectionSetting", "ServerAddress")]
    [InlineData("-ServerAddress 203.0.113.1 -UserName ' ' -PreSharedKey $psk -Password $pw", "InvalidVpnConnectionSetting", "UserName")]
    [InlineData("-ServerAddress 203.0.113.1 -UserName alice -PreSharedKey $psk -Password $pw -Route 10.0.0.0", "InvalidVpnConnectionSetting", "Route")]
    [InlineData("-ServerAddress 203.0.113.1 -UserName alice -PreSharedKey $psk -Password $pw -AuthenticationMethod Chap,Chap", "InvalidVpnConnectionSetting", "AuthenticationMethod")]
    [InlineData("-ServerAddress 203.0.113.1 -UserName alice -PreSharedKey $psk", "InvalidVpnConnectionSetting", "Password")]
    [InlineData("-ServerAddress 203.0.113.1 -UserName alice -Password $pw", "PreSharedKeyRequired", "PreSharedKey")]
    [InlineData("-ServerAddress 203.0.113.1 -UserName alice -PreSharedKey $psk -Password $empty", "InvalidPassword", "alice")]
    public void Bad_connections_are_refused_with_the_models_ids_and_write_nothing(string parameters, string id, string target)
    {
        var error = session.SingleError($"Connect-VpnGateway {parameters} -InterfaceAlias eth0");

        Assert.Equal(id, ModelErrors.Id(error));
        Assert.Equal(target, error.TargetObject);
        Assert.DoesNotContain(Key, error.ToString());
        Assert.DoesNotContain(Password, error.ToString());
        Assert.Null(Store.Read().VpnConnection);
    }

    [Fact]
    public void Connect_through_a_running_engine_takes_its_adapter_stores_the_connection_and_writes_its_status()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnConnection] = _ => new VpnConnectionStatus { State = "Connecting", ServerAddress = "203.0.113.1", UserName = "alice" };

        var status = session.Invoke($"{Connect} -PreSharedKey $psk -Password $pw -ProposalProfile Android -AuthenticationMethod Chap,Pap -Route 192.168.1.0/24").Ok().Single<VpnConnectionStatus>();

        Assert.Equal("Connecting", status.State);
        Assert.Equal(new[] { ControlCommands.GetEngine, ControlCommands.Sync, ControlCommands.GetVpnConnection }, engine.Requests.Select(r => r.Command));
        var (document, secrets) = Store.ReadWithSecrets();
        var connection = document.VpnConnection!;
        Assert.Equal(("test0", IPAddress.Parse("203.0.113.1"), "alice", VpnProposalProfile.Android),
            (connection.InterfaceAlias, connection.ServerAddress, connection.UserName, connection.ProposalProfile));
        Assert.Equal(new[] { VpnAuthenticationMethod.Chap, VpnAuthenticationMethod.Pap }, connection.AuthenticationMethods);
        Assert.Equal(new[] { "192.168.1.0/24" }, connection.Routes);
        Assert.Equal(VpnClientProposals.MainMode(VpnProposalProfile.Android), document.GetPolicy(VpnConnection.PolicyName).MainModeSecurityMethods);
        Assert.Equal(Password, secrets[connection.PasswordId]);
        Assert.Contains(Key, secrets.Values);
        Assert.DoesNotContain(Password, DocumentText);
        Assert.DoesNotContain(Key, DocumentText);
    }

    [Fact]
    public void Connecting_again_without_key_and_password_keeps_them()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnConnection] = _ => new VpnConnectionStatus { State = "Connecting" };
        session.Invoke($"{Connect} -PreSharedKey $psk -Password $pw").Ok();

        session.Invoke($"{Connect} -ProposalProfile Windows10").Ok();

        Assert.Equal(VpnProposalProfile.Windows10, Store.Read().VpnConnection!.ProposalProfile);
        Assert.Equal(new[] { Key, Password }.OrderBy(v => v, StringComparer.Ordinal), Store.ReadSecrets().Values.OrderBy(v => v, StringComparer.Ordinal));
    }

    [Fact]
    public void Connect_refuses_another_adapter_than_the_running_engine_serves()
    {
        engine = new FakeEngine(session);

        var error = session.SingleError($"{Connect} -PreSharedKey $psk -Password $pw -InterfaceAlias eth9");

        Assert.Equal("EngineInterfaceMismatch", ModelErrors.Id(error));
        Assert.Null(Store.Read().VpnConnection);
    }

    [Fact]
    public void Wait_polls_until_the_connection_is_up()
    {
        engine = new FakeEngine(session);
        engine.AnswerInTurn(ControlCommands.GetVpnConnection,
            new VpnConnectionStatus { State = "Connecting" },
            new VpnConnectionStatus { State = "Connecting" },
            new VpnConnectionStatus { State = "Connected", AssignedAddress = "192.168.50.11" });

        var result = session.Invoke($"{Connect} -PreSharedKey $psk -Password $pw -Wait -Verbose").Ok();

        Assert.Equal(("Connected", "192.168.50.11"), (result.Single<VpnConnectionStatus>().State, result.Single<VpnConnectionStatus>().AssignedAddress));
        Assert.Equal(3, engine.Count(ControlCommands.GetVpnConnection));
        Assert.Contains(result.Verbose, v => v.StartsWith("Connected to 203.0.113.1 as 'alice'", StringComparison.Ordinal));
    }

    [Fact]
    public void Wait_reports_a_failed_connection_with_the_engines_reason()
    {
        engine = new FakeEngine(session);
        engine.AnswerInTurn(ControlCommands.GetVpnConnection,
            new VpnConnectionStatus { State = "Connecting" },
            new VpnConnectionStatus { State = "Failed", LastError = "PPP authentication failed (MS-CHAPv2: wrong password)" });

        var result = session.Invoke($"{Connect} -PreSharedKey $psk -Password $pw -Wait");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("VpnConnectionFailed", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("PPP authentication failed (MS-CHAPv2: wrong password)", error.Exception.Message);
        Assert.Equal("Failed", ((VpnConnectionStatus)error.TargetObject).State);
        Assert.NotNull(Store.Read().VpnConnection);
    }

    [Fact]
    public void Wait_gives_up_after_the_timeout_with_the_last_state()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnConnection] = _ => new VpnConnectionStatus { State = "Connecting", LastError = "no answer to main mode" };

        var error = session.SingleError($"{Connect} -PreSharedKey $psk -Password $pw -Wait -TimeoutSeconds 1");

        Assert.Equal("VpnConnectionTimeout", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("within 1 s (state Connecting, last error: no answer to main mode)", error.Exception.Message);
        Assert.True(engine.Count(ControlCommands.GetVpnConnection) >= 2, "it polled more than once"); // how often in 1 s depends on the machine's load
    }

    [Fact]
    public void Get_without_an_engine_and_without_a_connection_is_Disconnected()
    {
        Assert.Equal("Disconnected", session.Invoke("Get-VpnConnection").Ok().Single<VpnConnectionStatus>().State);
    }

    [Fact]
    public void Get_without_an_engine_shows_the_stored_connection_as_Failed_through_the_list_view()
    {
        StoreConnection();

        var status = session.Invoke("Get-VpnConnection").Ok().Single<VpnConnectionStatus>();
        var text = session.Render("Get-VpnConnection");

        Assert.Equal(("Failed", "203.0.113.1", "alice", "MacOS"), (status.State, status.ServerAddress, status.UserName, status.ProposalProfile));
        Assert.StartsWith("The engine is not running", status.LastError);
        Assert.Equal(new[] { "10.1.0.0/16" }, status.Routes);
        Assert.Matches(@"State\s+: Failed", text);
        Assert.Matches(@"Last Error\s+: The engine is not running", text);
        Assert.Matches(@"Proposal Profile\s+: MacOS", text);
        Assert.Matches(@"Routes\s+: 10\.1\.0\.0/16", text);
    }

    [Fact]
    public void Get_writes_the_engines_connection()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnConnection] = _ => new VpnConnectionStatus
        {
            State = "Connected", ServerAddress = "203.0.113.1", UserName = "alice", ProposalProfile = "Windows10", AuthenticationMethods = new[] { "MsChapV2" },
            AuthenticationMethod = "MsChapV2", AssignedAddress = "192.168.50.11", GatewayAddress = "192.168.50.10", DnsServers = new[] { "192.168.1.10" },
            ConnectedSince = DateTimeOffset.Now, BytesIn = 42, BytesOut = 4200, PacketsIn = 1, PacketsOut = 10,
        };

        var text = session.Render("Get-VpnConnection");

        Assert.DoesNotContain("Last Error", text);
        Assert.Matches(@"Authentication\s+: MsChapV2 \(offered: MsChapV2\)", text);
        Assert.Matches(@"Assigned Address\s+: 192\.168\.50\.11", text);
        Assert.Matches(@"Bytes In/Out\s+: 42 / 4200", text);
    }

    [Fact]
    public void Disconnect_without_a_connection_is_VpnConnectionNotConfigured()
    {
        var error = session.SingleError("Disconnect-VpnGateway");

        Assert.Equal("VpnConnectionNotConfigured", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Disconnect_with_WhatIf_keeps_the_connection()
    {
        StoreConnection();
        var before = DocumentText;

        var text = session.Render("Disconnect-VpnGateway -WhatIf");

        Assert.Contains("L2TP/IPsec connection to 203.0.113.1 as 'alice'", text);
        Assert.Equal(before, DocumentText);
    }

    [Fact]
    public void Disconnect_removes_the_connection_its_policy_and_its_password_and_syncs_the_engine()
    {
        StoreConnection();
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnConnection] = _ => new VpnConnectionStatus { State = "Connected", ServerAddress = "203.0.113.1", UserName = "alice", BytesIn = 7 };

        var status = session.Invoke("Disconnect-VpnGateway -PassThru").Ok().Single<VpnConnectionStatus>();

        Assert.Equal(("Disconnected", 7L), (status.State, status.BytesIn));
        Assert.Null(Store.Read().VpnConnection);
        Assert.Null(Store.Read().FindPolicy(VpnConnection.PolicyName));
        Assert.Empty(Store.ReadSecrets());
        Assert.Equal(1, engine.Count(ControlCommands.Sync));
    }

    [Fact]
    public void Disconnect_asks_at_medium_impact()
    {
        var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(typeof(DisconnectVpnGatewayCommand), typeof(CmdletAttribute))!;

        Assert.Equal(ConfirmImpact.Medium, attribute.ConfirmImpact);
    }

    [Fact]
    public void No_key_or_password_appears_in_any_output_verbose_line_WhatIf_text_warning_or_error()
    {
        engine = new FakeEngine(session);
        engine.AnswerInTurn(ControlCommands.GetVpnConnection,
            new VpnConnectionStatus { State = "Connected", ServerAddress = "203.0.113.1", UserName = "alice" },
            new VpnConnectionStatus { State = "Failed", LastError = "PPP authentication failed" });
        var scripts = new[]
        {
            $"{Connect} -PreSharedKey $psk -Password $pw -WhatIf -Verbose",
            $"{Connect} -PreSharedKey $psk -Password $pw -Wait -Verbose",
            $"{Connect} -PreSharedKey $psk -Password $pw -Wait -Verbose",
            $"{Connect} -PreSharedKey $psk -Password $pw -Route nonsense -Verbose",
            $"{Connect} -PreSharedKey $psk -Password $pw -InterfaceAlias eth9 -Verbose",
            "Get-VpnConnection",
            "Disconnect-VpnGateway -WhatIf -Verbose",
            "Disconnect-VpnGateway -PassThru -Verbose",
            "Get-VpnConnection",
        };

        foreach (var script in scripts)
        {
            var result = session.Invoke(script);
            var text = session.Render(script)
                + string.Join("\n", result.Output.Select(o => o.ToString()))
                + string.Join("\n", result.Output.SelectMany(o => o.Properties.Select(p => $"{p.Name}={p.Value}")))
                + string.Join("\n", result.Verbose.Concat(result.Warnings))
                + string.Join("\n", result.Errors.Select(e => $"{e} {e.TargetObject} {e.Exception}"));
            Assert.DoesNotContain(Key, text);
            Assert.DoesNotContain(Password, text);
        }

        var requests = string.Join("\n", engine.Requests.Select(r => System.Text.Json.JsonSerializer.Serialize(r)));
        Assert.DoesNotContain(Key, requests);
        Assert.DoesNotContain(Password, requests);
    }

    private void StoreConnection() =>
        Store.Update(document => document.SetVpnConnection(new VpnConnection
        {
            InterfaceAlias = "test0",
            ServerAddress = IPAddress.Parse("203.0.113.1"),
            UserName = "alice",
            ProposalProfile = VpnProposalProfile.MacOS,
            Routes = { "10.1.0.0/16" },
        }, new Secret(Key), new Secret(Password), DateTimeOffset.UtcNow));
}
