using System;
using System.Collections.Generic;
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
using GatewaySettings = IpSecPolicy.Model.Objects.VpnGateway;

namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// Start-, Set-, Get-, Stop-VpnGateway, Get-VpnSession and Disconnect-VpnSession: the store they
/// leave, with -WhatIf and without, their refusals, and what they ask of the engine (a fake one
/// answering on the session's socket; the real gateway runs in the engine's namespace tests).
/// </summary>
public sealed class VpnGatewayCommandsTests : IAsyncLifetime
{
    private const string Key = "gateway-psk-Zebra!42";
    private const string NewKey = "new-gateway-psk-Okapi?17";
    private const string Start = "Start-VpnGateway -InterfaceAlias test0 -AddressRange 192.168.50.10-192.168.50.200";

    private readonly PowerShellSession session = new();
    private FakeEngine? engine;

    public Task InitializeAsync()
    {
        session.DefineSecureString("psk", Key);
        session.DefineSecureString("newpsk", NewKey);
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
    public void Start_with_WhatIf_writes_nothing_starts_nothing_and_names_no_key()
    {
        var result = session.Invoke($"{Start} -PreSharedKey $psk -WhatIf").Ok();
        var text = session.Render($"{Start} -PreSharedKey $psk -WhatIf");

        Assert.Empty(result.Output);
        Assert.Contains("test0", text);
        Assert.Contains("192.168.50.10-192.168.50.200", text);
        Assert.Contains("a new pre-shared key", text);
        Assert.DoesNotContain(Key, text);
        Assert.False(File.Exists(Path.Combine(session.StorePath, PolicyStore.DocumentFileName)));
        Assert.False(File.Exists(session.ControlSocketPath));
    }

    [Fact]
    public void The_first_start_needs_a_pre_shared_key()
    {
        var error = session.SingleError(Start);

        Assert.Equal("PreSharedKeyRequired", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Null(Store.Read().VpnGateway);
    }

    [Theory]
    [InlineData("-AddressRange 192.168.50.10", "AddressRange")]
    [InlineData("-AddressRange 192.168.50.200-192.168.50.10", "AddressRange")]
    [InlineData("-AddressRange 10.0.0.0-10.2.0.0", "AddressRange")]
    [InlineData("-LocalAddress 2001:db8::1", "LocalAddress")]
    [InlineData("-LocalAddress gateway", "LocalAddress")]
    [InlineData("-DnsServer 192.168.1.10,192.168.1.11,192.168.1.12", "DnsServer")]
    [InlineData("-DnsServer 127.0.0.53", "DnsServer")]
    [InlineData("-WinsServer wins.corp.example", "WinsServer")]
    [InlineData("-AuthenticationMethod Pap,Pap", "AuthenticationMethod")]
    [InlineData("-MaxSessions 0", "MaxSessions")]
    [InlineData("-IdleDisconnectSeconds -1", "IdleDisconnectSeconds")]
    [InlineData("-Mtu 100", "Mtu")]
    [InlineData("-Mtu 9000", "Mtu")]
    public void Bad_settings_are_InvalidVpnGatewaySetting_naming_the_parameter_and_write_nothing(string parameters, string setting)
    {
        var range = parameters.Contains("-AddressRange", StringComparison.Ordinal) ? string.Empty : "-AddressRange 192.168.50.10-192.168.50.200";
        var error = session.SingleError($"Start-VpnGateway -InterfaceAlias test0 {range} -PreSharedKey $psk {parameters}");

        Assert.Equal("InvalidVpnGatewaySetting", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(setting, error.TargetObject);
        Assert.DoesNotContain(Key, error.ToString());
        Assert.Null(Store.Read().VpnGateway);
    }

    [Fact]
    public void An_unknown_authentication_method_is_a_binding_error()
    {
        var error = session.SingleError($"{Start} -PreSharedKey $psk -AuthenticationMethod EapTls");

        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains("MsChapV2", error.Exception.Message);
        Assert.Null(Store.Read().VpnGateway);
    }

    [Fact]
    public void Start_without_an_engine_to_run_says_where_it_looked_and_writes_nothing()
    {
        var error = session.SingleError($"{Start} -PreSharedKey $psk -EnginePath /nonexistent/ipsecpolicy-engine.dll");

        Assert.Equal("EngineNotFound", ModelErrors.Id(error));
        Assert.Null(Store.Read().VpnGateway);
    }

    [Fact]
    public void Start_keeps_the_settings_when_the_engine_it_started_exits_and_reports_the_exit()
    {
        var state = session.StorePath + "-state";
        try
        {
            // The real engine next to the module, started detached; there is no adapter nosuch0, so it exits 3 at once.
            var error = session.SingleError($"Start-VpnGateway -InterfaceAlias nosuch0 -AddressRange 192.168.50.10-192.168.50.200 -PreSharedKey $psk -StateDirectory '{state}'");

            Assert.Equal("EngineStartFailed", ModelErrors.Id(error));
            Assert.Contains("exited with code 3", error.Exception.Message);
            Assert.DoesNotContain(Key, error.ToString());
            Assert.Equal("nosuch0", Store.Read().VpnGateway!.InterfaceAlias);
            Assert.DoesNotContain(Key, File.ReadAllText(Path.Combine(state, "engine.log")));
        }
        finally
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }
    }

    [Fact]
    public void Start_with_a_running_engine_stores_the_gateway_syncs_the_engine_and_writes_its_status()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnGateway] = _ => new VpnGatewayStatus { State = "Running", InterfaceAlias = "test0", AddressRange = "192.168.50.10-192.168.50.200", AddressesFree = 190 };

        var result = session.Invoke($"{Start} -PreSharedKey $psk -DnsServer 192.168.1.10 -WinsServer 192.168.1.11 -AuthenticationMethod MsChapV2,Chap -MaxSessions 20 -IdleDisconnectSeconds 600 -Mtu 1380 -Verbose").Ok();

        var status = result.Single<VpnGatewayStatus>();
        Assert.Equal(("Running", 190), (status.State, status.AddressesFree));
        Assert.Equal(new[] { ControlCommands.GetEngine, ControlCommands.Sync, ControlCommands.GetVpnGateway }, engine.Requests.Select(r => r.Command));
        Assert.Contains(result.Verbose, v => v.Contains("The fake engine re-read the store.", StringComparison.Ordinal));

        var (document, secrets) = Store.ReadWithSecrets();
        var gateway = document.VpnGateway!;
        Assert.Equal(("test0", "192.168.50.10-192.168.50.200", (IPAddress?)null), (gateway.InterfaceAlias, gateway.AddressRange, gateway.LocalAddress));
        Assert.Equal(new[] { IPAddress.Parse("192.168.1.10") }, gateway.DnsServers);
        Assert.Equal(new[] { IPAddress.Parse("192.168.1.11") }, gateway.WinsServers);
        Assert.Equal(new[] { VpnAuthenticationMethod.MsChapV2, VpnAuthenticationMethod.Chap }, gateway.AuthenticationMethods);
        Assert.Equal((20, 600, 1380), (gateway.MaxSessions, gateway.IdleDisconnectSeconds, gateway.Mtu));
        Assert.Equal(VpnClientProposals.GatewayMainMode(), document.GetPolicy(GatewaySettings.PolicyName).MainModeSecurityMethods);
        Assert.False(document.GetPolicy(GatewaySettings.PolicyName).Assigned);
        Assert.Equal(new[] { Key }, secrets.Values);
        Assert.DoesNotContain(Key, DocumentText);
    }

    [Fact]
    public void Start_again_writes_every_setting_and_keeps_the_key_when_none_is_given()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnGateway] = _ => new VpnGatewayStatus { State = "Running" };
        session.Invoke($"{Start} -PreSharedKey $psk -DnsServer 192.168.1.10 -Mtu 1380").Ok();

        session.Invoke("Start-VpnGateway test0 192.168.60.10-192.168.60.20").Ok();

        var gateway = Store.Read().VpnGateway!;
        Assert.Equal("192.168.60.10-192.168.60.20", gateway.AddressRange);
        Assert.Empty(gateway.DnsServers);
        Assert.Equal(GatewaySettings.DefaultMtu, gateway.Mtu);
        Assert.Equal(new[] { Key }, Store.ReadSecrets().Values);
    }

    [Fact]
    public void Start_refuses_another_adapter_than_the_running_engine_serves_and_writes_nothing()
    {
        engine = new FakeEngine(session);

        var error = session.SingleError($"Start-VpnGateway -InterfaceAlias eth9 -AddressRange 192.168.50.10-192.168.50.200 -PreSharedKey $psk");

        Assert.Equal("EngineInterfaceMismatch", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("serves test0, not eth9", error.Exception.Message);
        Assert.Null(Store.Read().VpnGateway);
        Assert.Equal(0, engine.Count(ControlCommands.Sync));
    }

    [Fact]
    public void Get_without_an_engine_and_without_a_gateway_is_Stopped()
    {
        var status = session.Invoke("Get-VpnGateway").Ok().Single<VpnGatewayStatus>();

        Assert.Equal("Stopped", status.State);
        Assert.Null(status.Problem);
    }

    [Fact]
    public void Get_without_an_engine_shows_the_stored_gateway_as_Failed_because_the_engine_is_not_running()
    {
        StoreGateway(g => g.DnsServers.Add(IPAddress.Parse("192.168.1.10")));

        var status = session.Invoke("Get-VpnGateway").Ok().Single<VpnGatewayStatus>();
        var text = session.Render("Get-VpnGateway");

        Assert.Equal("Failed", status.State);
        Assert.StartsWith("The engine is not running", status.Problem);
        Assert.Contains(session.ControlSocketPath, status.Problem);
        Assert.Equal(("test0", "192.168.50.10-192.168.50.200", "192.168.50.10"), (status.InterfaceAlias, status.AddressRange, status.LocalAddress));
        Assert.Equal(new[] { "192.168.1.10" }, status.DnsServers);
        Assert.Equal(new[] { "MsChapV2" }, status.AuthenticationMethods);
        Assert.Equal((128, 1400, 190, 0), (status.MaxSessions, status.Mtu, status.AddressesFree, status.Sessions));
        Assert.Matches(@"State\s+: Failed", text);
        Assert.Matches(@"Problem\s+: The engine is not running", text);
        Assert.Matches(@"Idle Disconnect\s+: never", text);
        Assert.Matches(@"WINS Servers\s+: \(none\)", text);
    }

    [Fact]
    public void Get_writes_the_engines_status_through_the_list_view()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnGateway] = _ => new VpnGatewayStatus
        {
            State = "Running", InterfaceAlias = "test0", ServerAddresses = new[] { "192.0.2.10", "2001:db8::10" },
            AddressRange = "192.168.50.10-192.168.50.200", LocalAddress = "192.168.50.1", DnsServers = new[] { "192.168.1.10", "192.168.1.11" },
            AuthenticationMethods = new[] { "MsChapV2", "Chap" }, MaxSessions = 128, IdleDisconnectSeconds = 1800, Mtu = 1400,
            Sessions = 3, Tunnels = 2, AddressesFree = 188, Since = DateTimeOffset.Now.AddHours(-1), ConnectionsTotal = 17, AuthenticationFailures = 2, SessionsRefused = 1,
        };

        var text = session.Render("Get-VpnGateway");

        Assert.Matches(@"State\s+: Running", text);
        Assert.DoesNotContain("Problem", text);
        Assert.Matches(@"Server Addresses\s+: 192.0.2.10, 2001:db8::10", text);
        Assert.Matches(@"DNS Servers\s+: 192.168.1.10, 192.168.1.11", text);
        Assert.Matches(@"Authentication\s+: MsChapV2, Chap", text);
        Assert.Matches(@"Idle Disconnect\s+: 1800 s", text);
        Assert.Matches(@"Sessions\s+: 3", text);
        Assert.Matches(@"Addresses Free\s+: 188", text);
        Assert.Matches(@"Authentication Failures\s+: 2", text);
    }

    [Fact]
    public void Get_passes_on_an_engine_that_does_not_know_the_command()
    {
        engine = new FakeEngine(session);

        var error = session.SingleError("Get-VpnGateway");

        Assert.Equal("UnknownCommand", ModelErrors.Id(error));
    }

    [Fact]
    public void Set_without_a_gateway_is_VpnGatewayNotConfigured()
    {
        var error = session.SingleError("Set-VpnGateway -Mtu 1300");

        Assert.Equal("VpnGatewayNotConfigured", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Set_changes_only_what_is_given_and_keeps_the_key()
    {
        StoreGateway(g =>
        {
            g.DnsServers.Add(IPAddress.Parse("192.168.1.10"));
            g.LocalAddress = IPAddress.Parse("192.168.50.1");
        });

        var status = session.Invoke("Set-VpnGateway -MaxSessions 10 -WinsServer 192.168.1.11 -PassThru").Ok().Single<VpnGatewayStatus>();

        var gateway = Store.Read().VpnGateway!;
        Assert.Equal((10, 1400), (gateway.MaxSessions, gateway.Mtu));
        Assert.Equal(new[] { IPAddress.Parse("192.168.1.10") }, gateway.DnsServers);
        Assert.Equal(new[] { IPAddress.Parse("192.168.1.11") }, gateway.WinsServers);
        Assert.Equal(IPAddress.Parse("192.168.50.1"), gateway.LocalAddress);
        Assert.Equal(new[] { Key }, Store.ReadSecrets().Values);
        Assert.Equal(("Failed", 10), (status.State, status.MaxSessions));
    }

    [Fact]
    public void Set_clears_the_local_address_and_the_servers_with_null_or_an_empty_list()
    {
        StoreGateway(g =>
        {
            g.DnsServers.Add(IPAddress.Parse("192.168.1.10"));
            g.WinsServers.Add(IPAddress.Parse("192.168.1.11"));
            g.LocalAddress = IPAddress.Parse("192.168.50.1");
        });

        session.Invoke("Set-VpnGateway -LocalAddress $null -DnsServer @() -WinsServer $null").Ok();

        var gateway = Store.Read().VpnGateway!;
        Assert.Null(gateway.LocalAddress);
        Assert.Empty(gateway.DnsServers);
        Assert.Empty(gateway.WinsServers);
    }

    [Fact]
    public void Set_replaces_the_key_and_says_so_without_showing_it()
    {
        StoreGateway();

        var result = session.Invoke("Set-VpnGateway -PreSharedKey $newpsk -Verbose").Ok();

        Assert.Equal(new[] { NewKey }, Store.ReadSecrets().Values);
        Assert.Contains(result.Verbose, v => v.StartsWith("The VPN gateway's pre-shared key was replaced", StringComparison.Ordinal));
        Assert.All(result.Verbose, v => Assert.DoesNotContain(NewKey, v));
    }

    [Fact]
    public void Set_with_WhatIf_changes_nothing_and_names_the_settings()
    {
        StoreGateway();
        var before = DocumentText;

        var text = session.Render("Set-VpnGateway -Mtu 1300 -DnsServer 192.168.1.10 -PreSharedKey $newpsk -WhatIf");

        Assert.Contains("Set DnsServer, Mtu, and a new pre-shared key", text);
        Assert.Contains("VPN gateway on test0", text);
        Assert.DoesNotContain(NewKey, text);
        Assert.Equal(before, DocumentText);
        Assert.Equal(new[] { Key }, Store.ReadSecrets().Values);
    }

    [Fact]
    public void Set_refuses_bad_values_with_the_models_ids()
    {
        StoreGateway();

        Assert.Equal("InvalidVpnGatewaySetting", ModelErrors.Id(session.SingleError("Set-VpnGateway -Mtu 100")));
        Assert.Equal("InvalidVpnGatewaySetting", ModelErrors.Id(session.SingleError("Set-VpnGateway -AuthenticationMethod @()")));
        Assert.Equal(GatewaySettings.DefaultMtu, Store.Read().VpnGateway!.Mtu);
    }

    [Fact]
    public void Set_syncs_a_running_engine_and_refuses_moving_the_gateway_to_another_adapter()
    {
        StoreGateway();
        engine = new FakeEngine(session);

        session.Invoke("Set-VpnGateway -Mtu 1300").Ok();
        var error = session.SingleError("Set-VpnGateway -InterfaceAlias eth9");

        Assert.Equal(1, engine.Count(ControlCommands.Sync));
        Assert.Equal("EngineInterfaceMismatch", ModelErrors.Id(error));
        Assert.Equal("test0", Store.Read().VpnGateway!.InterfaceAlias);
        Assert.Equal(1300, Store.Read().VpnGateway!.Mtu);
    }

    [Fact]
    public void Stop_without_a_gateway_is_VpnGatewayNotConfigured()
    {
        Assert.Equal("VpnGatewayNotConfigured", ModelErrors.Id(session.SingleError("Stop-VpnGateway")));
    }

    [Fact]
    public void Stop_with_WhatIf_keeps_everything()
    {
        StoreGateway();
        var before = DocumentText;

        var text = session.Render("Stop-VpnGateway -WhatIf");

        Assert.Contains("Stop: disconnect its users", text);
        Assert.Contains("VPN gateway on test0 (pool 192.168.50.10-192.168.50.200, 0 sessions up)", text);
        Assert.Equal(before, DocumentText);
    }

    [Fact]
    public void Stop_removes_the_settings_the_generated_policy_and_the_key_and_the_engine_keeps_running()
    {
        StoreGateway();
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnGateway] = _ => new VpnGatewayStatus { State = "Running", InterfaceAlias = "test0", Sessions = 2, Tunnels = 2, ConnectionsTotal = 5 };

        var status = session.Invoke("Stop-VpnGateway -PassThru").Ok().Single<VpnGatewayStatus>();

        var document = Store.Read();
        Assert.Null(document.VpnGateway);
        Assert.Null(document.FindPolicy(GatewaySettings.PolicyName));
        Assert.Null(document.FindFilterList(GatewaySettings.FilterListName));
        Assert.Empty(Store.ReadSecrets());
        Assert.Equal(("Stopped", 0, 0, 5L), (status.State, status.Sessions, status.Tunnels, status.ConnectionsTotal));
        Assert.Equal(1, engine.Count(ControlCommands.Sync));
        Assert.Equal(0, engine.Count(ControlCommands.Stop));
    }

    [Fact]
    public void Stop_without_an_engine_still_removes_the_gateway()
    {
        StoreGateway();

        var result = session.Invoke("Stop-VpnGateway -PassThru -Verbose").Ok();

        Assert.Equal("Stopped", result.Single<VpnGatewayStatus>().State);
        Assert.Null(Store.Read().VpnGateway);
        Assert.Contains(result.Verbose, v => v.StartsWith("No IpSecPolicy engine runs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(StopVpnGatewayCommand), ConfirmImpact.High)]
    [InlineData(typeof(DisconnectVpnSessionCommand), ConfirmImpact.High)]
    [InlineData(typeof(StartVpnGatewayCommand), ConfirmImpact.Medium)]
    [InlineData(typeof(SetVpnGatewayCommand), ConfirmImpact.Medium)]
    public void What_disconnects_users_asks_at_high_impact(Type cmdlet, ConfirmImpact impact)
    {
        var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(cmdlet, typeof(CmdletAttribute))!;

        Assert.Equal(impact, attribute.ConfirmImpact);
        Assert.True(attribute.SupportsShouldProcess);
    }

    [Fact]
    public void Get_VpnSession_without_an_engine_is_EngineNotRunning()
    {
        var error = session.SingleError("Get-VpnSession");

        Assert.Equal("EngineNotRunning", ModelErrors.Id(error));
        Assert.Equal(session.ControlSocketPath, error.TargetObject);
    }

    [Fact]
    public void Get_VpnSession_selects_by_user_name_with_wildcards_and_by_id()
    {
        WithSessions();

        Assert.Equal(new ulong[] { 1, 2, 3 }, session.Invoke("Get-VpnSession").Ok().All<VpnSession>().Select(s => s.Id));
        Assert.Equal(new ulong[] { 1, 3 }, session.Invoke("Get-VpnSession -UserName 'AL*'").Ok().All<VpnSession>().Select(s => s.Id));
        Assert.Equal(new ulong[] { 2 }, session.Invoke("Get-VpnSession bob").Ok().All<VpnSession>().Select(s => s.Id));
        Assert.Equal(new ulong[] { 3 }, session.Invoke("Get-VpnSession -Id 3").Ok().All<VpnSession>().Select(s => s.Id));
        Assert.Empty(session.Invoke("Get-VpnSession -UserName 'z*'").Ok().Output);
    }

    [Fact]
    public void Get_VpnSession_reports_a_plain_name_or_an_id_that_matches_nothing()
    {
        WithSessions();

        var result = session.Invoke("Get-VpnSession -UserName carol, alice; Get-VpnSession -Id 9");

        Assert.Equal(new ulong[] { 1 }, result.All<VpnSession>().Select(s => s.Id));
        Assert.Equal(new[] { "VpnSessionNotFound", "VpnSessionNotFound" }, result.Errors.Select(ModelErrors.Id));
        Assert.Equal(new object[] { "carol", "9" }, result.Errors.Select(e => e.TargetObject));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
    }

    [Fact]
    public void Get_VpnSession_takes_users_from_Get_VpnUser()
    {
        WithSessions();
        session.Invoke("Add-VpnUser bob $psk").Ok();

        Assert.Equal(new ulong[] { 2 }, session.Invoke("Get-VpnUser bob | Get-VpnSession").Ok().All<VpnSession>().Select(s => s.Id));
    }

    [Fact]
    public void Sessions_print_as_a_table_with_the_clients_address_and_port()
    {
        WithSessions();

        var text = session.Render("Get-VpnSession");

        Assert.Matches(@"Id\s+UserName\s+ClientAddress:Port\s+AssignedAddress\s+ConnectedSince\s+BytesIn\s+BytesOut", text);
        Assert.Matches(@"1 alice\s+203\.0\.113\.7:1701\s+192\.168\.50\.11", text);
        Assert.Contains("[2001:db8::7]:4500", text);
        Assert.Matches(@"192\.168\.50\.12\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+1500\s+64000", text);
    }

    [Fact]
    public void Disconnect_VpnSession_asks_the_engine_by_id_and_writes_the_session_with_PassThru()
    {
        WithSessions();

        var ended = session.Invoke("Disconnect-VpnSession -Id 2 -PassThru -Verbose").Ok();

        Assert.Equal(2UL, ended.Single<VpnSession>().Id);
        var request = Assert.Single(engine!.Requests, r => r.Command == ControlCommands.DisconnectVpnSession);
        Assert.Equal("2", request.Arguments["id"].GetString());
        Assert.Contains(ended.Verbose, v => v == "Disconnected VPN session 2 of 'bob'.");
    }

    [Fact]
    public void Disconnect_VpnSession_takes_sessions_from_the_pipeline_and_WhatIf_disconnects_none()
    {
        WithSessions();

        var text = session.Render("Get-VpnSession alice | Disconnect-VpnSession -WhatIf");
        Assert.Equal(0, engine!.Count(ControlCommands.DisconnectVpnSession));
        session.Invoke("Get-VpnSession alice | Disconnect-VpnSession").Ok();

        Assert.Contains("VPN session 1 of 'alice' from 203.0.113.7:1701 (192.168.50.11)", text);
        Assert.Contains("Disconnect (LCP Terminate-Request, then CDN)", text);
        Assert.Equal(new[] { "1" }, engine!.Requests.Where(r => r.Command == ControlCommands.DisconnectVpnSession).Select(r => r.Arguments["id"].GetString()));
    }

    [Fact]
    public void Disconnect_VpnSession_of_a_session_that_is_gone_is_VpnSessionNotFound_and_the_rest_goes_on()
    {
        WithSessions();

        var result = session.Invoke("Disconnect-VpnSession -Id 9, 2 -PassThru");

        Assert.Equal("VpnSessionNotFound", ModelErrors.Id(Assert.Single(result.Errors)));
        Assert.Equal(2UL, result.Single<VpnSession>().Id);
    }

    [Fact]
    public void Disconnect_VpnSession_passes_on_the_engines_refusal()
    {
        WithSessions();
        engine!.Handlers[ControlCommands.DisconnectVpnSession] = _ =>
            throw new ControlException("VpnSessionNotFound", "ObjectNotFound", "Session 2 ended on its own a moment ago.");

        var error = session.SingleError("Disconnect-VpnSession -Id 2");

        Assert.Equal("VpnSessionNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void No_key_appears_in_any_output_verbose_line_WhatIf_text_warning_or_error()
    {
        engine = new FakeEngine(session);
        engine.Handlers[ControlCommands.GetVpnGateway] = _ => new VpnGatewayStatus { State = "Running", InterfaceAlias = "test0" };
        var scripts = new[]
        {
            $"{Start} -PreSharedKey $psk -WhatIf -Verbose",
            $"{Start} -PreSharedKey $psk -Verbose",
            $"{Start} -PreSharedKey $psk -Mtu 5 -Verbose",
            "Set-VpnGateway -PreSharedKey $newpsk -WhatIf -Verbose",
            "Set-VpnGateway -PreSharedKey $newpsk -PassThru -Verbose",
            "Set-VpnGateway -PreSharedKey $newpsk -InterfaceAlias eth9 -Verbose",
            "Get-VpnGateway",
            "Stop-VpnGateway -WhatIf -Verbose",
            "Stop-VpnGateway -PassThru -Verbose",
            "Get-VpnGateway",
        };

        foreach (var script in scripts)
        {
            var result = session.Invoke(script);
            var text = session.Render(script.Replace("-PassThru", string.Empty, StringComparison.Ordinal) + " -ErrorAction Continue")
                + string.Join("\n", result.Output.Select(o => o.ToString()))
                + string.Join("\n", result.Output.SelectMany(o => o.Properties.Select(p => $"{p.Name}={p.Value}")))
                + string.Join("\n", result.Verbose.Concat(result.Warnings))
                + string.Join("\n", result.Errors.Select(e => $"{e} {e.TargetObject} {e.Exception}"));
            Assert.DoesNotContain(Key, text);
            Assert.DoesNotContain(NewKey, text);
        }

        Assert.DoesNotContain(Key, string.Join("\n", engine.Requests.Select(r => System.Text.Json.JsonSerializer.Serialize(r))));
    }

    private void StoreGateway(Action<GatewaySettings>? change = null)
    {
        var gateway = new GatewaySettings { InterfaceAlias = "test0", AddressRange = "192.168.50.10-192.168.50.200" };
        change?.Invoke(gateway);
        Store.Update(document => document.SetVpnGateway(gateway, new Secret(Key), DateTimeOffset.UtcNow));
    }

    private void WithSessions()
    {
        engine = new FakeEngine(session);
        var sessions = new List<VpnSession>
        {
            new() { Id = 1, UserName = "alice", AuthenticationMethod = "MsChapV2", ClientAddress = "203.0.113.7", ClientPort = 1701, AssignedAddress = "192.168.50.11", ConnectedSince = DateTimeOffset.Now.AddMinutes(-5), BytesIn = 1000, BytesOut = 20000, QuickModeSaId = 4 },
            new() { Id = 2, UserName = "bob", AuthenticationMethod = "Chap", ClientAddress = "203.0.113.7", ClientPort = 1701, AssignedAddress = "192.168.50.12", ConnectedSince = DateTimeOffset.Now.AddMinutes(-2), BytesIn = 1500, BytesOut = 64000, QuickModeSaId = 5 },
            new() { Id = 3, UserName = "Albert", AuthenticationMethod = "MsChapV2", ClientAddress = "2001:db8::7", ClientPort = 4500, AssignedAddress = "192.168.50.13", ConnectedSince = DateTimeOffset.Now, QuickModeSaId = 6 },
        };
        engine.Handlers[ControlCommands.GetVpnSession] = _ => sessions;
        engine.Handlers[ControlCommands.DisconnectVpnSession] = request =>
            sessions.FirstOrDefault(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == request.Arguments["id"].GetString())
            ?? throw new ControlException("VpnSessionNotFound", "ObjectNotFound", "No such session.");
    }
}
