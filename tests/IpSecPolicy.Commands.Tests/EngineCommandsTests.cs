using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using IpSecPolicy.Commands.Tests.Support;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Tests;

/// <summary>The engine cmdlets against the real engine run in process on the session's store and socket, and without one.</summary>
public sealed class EngineCommandsTests : IAsyncLifetime
{
    private readonly PowerShellSession session = new();
    private InProcessEngine? engine;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }

        session.Dispose();
    }

    [Theory]
    [InlineData("Get-IpSecEngine")]
    [InlineData("Sync-IpSecPolicy")]
    [InlineData("Get-IpSecEvent -Id 5460")]
    [InlineData("Stop-IpSecEngine -Force")]
    public void Without_an_engine_each_cmdlet_says_EngineNotRunning(string script)
    {
        var error = session.SingleError(script);

        Assert.Equal("EngineNotRunning", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(session.ControlSocketPath, error.TargetObject);
    }

    [Fact]
    public void Enable_and_disable_without_an_engine_only_say_so_in_a_verbose_line()
    {
        var enabled = session.Invoke($"Enable-IpSecPolicy -Name '{PredefinedObjects.ServerPolicy}' -Verbose").Ok();
        var disabled = session.Invoke("Disable-IpSecPolicy -Verbose").Ok();

        Assert.Contains(enabled.Verbose, v => v.StartsWith("No IpSecPolicy engine runs in this network namespace", StringComparison.Ordinal));
        Assert.Contains(disabled.Verbose, v => v.StartsWith("No IpSecPolicy engine runs in this network namespace", StringComparison.Ordinal));
        Assert.Empty(enabled.Warnings.Concat(disabled.Warnings));
    }

    [Fact]
    public async Task Get_IpSecEngine_writes_the_engines_state_through_its_list_view()
    {
        engine = await InProcessEngine.StartAsync(session);

        var status = session.Invoke("Get-IpSecEngine").Ok().Single<EngineStatus>();
        var text = session.Render("Get-IpSecEngine");

        Assert.Equal((EngineState.Running, "test0", Environment.ProcessId), (status.State, status.InterfaceAlias, status.ProcessId));
        Assert.Equal(session.StorePath, status.StorePath);
        Assert.Contains("Assigned Policy      : (none assigned)", text);
        Assert.Contains("Enforcers            : (none: the policy is compiled, not enforced)", text);
        Assert.Contains("Addresses            : 192.0.2.10", text);
    }

    [Fact]
    public async Task Enable_and_disable_make_the_engine_pick_up_the_assignment_at_once()
    {
        engine = await InProcessEngine.StartAsync(session);

        var enabled = session.Invoke($"Enable-IpSecPolicy -Name '{PredefinedObjects.SecureServerPolicy}' -Verbose").Ok();
        var afterEnable = session.Invoke("Get-IpSecEngine").Ok().Single<EngineStatus>();
        var disabled = session.Invoke("Disable-IpSecPolicy -Verbose").Ok();
        var afterDisable = session.Invoke("Get-IpSecEngine").Ok().Single<EngineStatus>();

        Assert.Contains($"The engine re-read the store: Policy '{PredefinedObjects.SecureServerPolicy}' is assigned.", string.Join("\n", enabled.Verbose));
        Assert.Equal(PredefinedObjects.SecureServerPolicy, afterEnable.Policy);
        Assert.True(afterEnable.FilterCount > 0);
        Assert.Contains($"Policy '{PredefinedObjects.SecureServerPolicy}' is no longer assigned", string.Join("\n", disabled.Verbose));
        Assert.Null(afterDisable.Policy);
    }

    [Fact]
    public async Task Enable_warns_when_the_engine_enforces_another_store()
    {
        engine = await InProcessEngine.StartAsync(session);
        var otherStore = session.StorePath + "-other";

        var result = session.Invoke($"$IpSecPolicyStore = '{otherStore}'; Enable-IpSecPolicy -Name '{PredefinedObjects.ServerPolicy}'");
        Directory.Delete(otherStore, recursive: true);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Contains($"enforces the store '{session.StorePath}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_writes_what_changed_and_Get_IpSecEvent_reads_the_audit_trail()
    {
        engine = await InProcessEngine.StartAsync(session);
        session.Invoke($"Set-IpSecPolicy -Name '{PredefinedObjects.ServerPolicy}' -Description 'edited'").Ok();
        new PolicyStore(session.StorePath).Update(document => IpSecPolicy.Model.Operations.PolicyOperations.Assign(document, PredefinedObjects.ServerPolicy));

        var sync = session.Invoke("Sync-IpSecPolicy").Ok().Single<PolicySyncResult>();
        var unchanged = session.Invoke("Sync-IpSecPolicy").Ok().Single<PolicySyncResult>();
        var applied = session.Invoke("Get-IpSecEvent -Id 5460 -Newest 1").Ok().Single<AuditEvent>();
        var all = session.Invoke("Get-IpSecEvent").Ok().All<AuditEvent>();
        var none = session.Invoke("Get-IpSecEvent -Before ([datetime]'2000-01-01')").Ok();
        var table = session.Render("Get-IpSecEvent -Id 5478");

        Assert.True(sync.Changed);
        Assert.Equal(PredefinedObjects.ServerPolicy, sync.Policy);
        Assert.False(unchanged.Changed);
        Assert.Equal(PredefinedObjects.ServerPolicy, applied.Data["Policy"]);
        Assert.Equal(new[] { 5465, 5465, 5460, 5478 }, all.Select(e => e.Id));
        Assert.Empty(none.Output);
        Assert.Contains("Audit Success", table);
        Assert.Contains("The IPsec engine started on test0", table);
    }

    [Fact]
    public async Task Get_IpSecEvent_passes_on_the_engines_argument_refusal()
    {
        engine = await InProcessEngine.StartAsync(session);

        var error = session.SingleError("Get-IpSecEvent -After ([datetime]::Now) -Before ([datetime]::Now.AddDays(-1))");

        Assert.Equal("InvalidControlArgument", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public async Task Start_refuses_when_an_engine_already_runs_and_WhatIf_stops_nothing()
    {
        engine = await InProcessEngine.StartAsync(session);

        var error = session.SingleError("Start-IpSecEngine -InterfaceAlias test0");
        session.Invoke("Stop-IpSecEngine -WhatIf").Ok();

        Assert.Equal("EngineAlreadyRunning", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains($"(process {Environment.ProcessId} on test0)", error.Exception.Message);
        Assert.Equal(EngineState.Running, session.Invoke("Get-IpSecEngine").Ok().Single<EngineStatus>().State);
    }

    [Fact]
    public void Start_says_where_it_looked_when_the_engine_is_not_found()
    {
        var error = session.SingleError("Start-IpSecEngine -InterfaceAlias eth0 -EnginePath /nonexistent/ipsecpolicy-engine.dll");

        Assert.Equal("EngineNotFound", ModelErrors.Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Start_reports_an_engine_that_exits_with_its_exit_code_its_meaning_and_its_log()
    {
        var state = session.StorePath + "-state";
        try
        {
            // The real engine next to the module, started detached through /bin/sh; it exits 3 at once.
            var error = session.SingleError($"Start-IpSecEngine -InterfaceAlias nosuch0 -StateDirectory '{state}'");

            Assert.Equal("EngineStartFailed", ModelErrors.Id(error));
            Assert.Contains("exited with code 3 (the interface does not exist or is down)", error.Exception.Message);
            Assert.Contains("There is no interface 'nosuch0' that is up", error.Exception.Message);
            Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(state));
            Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), File.GetUnixFileMode(Path.Combine(state, "engine.log")));
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
    public void Start_with_WhatIf_starts_nothing()
    {
        var result = session.Invoke("Start-IpSecEngine -InterfaceAlias eth0 -WhatIf").Ok();

        Assert.Empty(result.Output);
        Assert.Equal("EngineNotRunning", ModelErrors.Id(session.SingleError("Get-IpSecEngine")));
    }
}
