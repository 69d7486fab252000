using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Enforcement;
using Engine.Host.Options;
using Engine.Host.Policies;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Tests.Support;

/// <summary>
/// The real engine run in-process (EngineRunner) on paths of its own under /tmp, with the fake
/// adapter test0, optionally a fake clock and extra enforcers; its log is recorded.
/// </summary>
internal sealed class TestEngine : IAsyncDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly bool ownsRoot;

    public TestEngine(string? root = null, TimeProvider? time = null)
    {
        ownsRoot = root is null;
        Root = root ?? Path.Combine(Path.GetTempPath(), $"ipsecpolicy-engine-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Time = time;
    }

    public string Root { get; }

    public string StorePath => Path.Combine(Root, "store");

    public string SocketPath => Path.Combine(Root, "run", "engine.sock");

    public string StateDirectory => Path.Combine(Root, "state");

    public string InterfaceAlias { get; set; } = FakeHostContextSource.Interface;

    public FakeHostContextSource Hosts { get; } = new();

    public TimeProvider? Time { get; }

    public List<IPolicyEnforcer> Enforcers { get; } = new();

    public RecordingLoggerProvider Log { get; } = new();

    public Task<int>? Run { get; private set; }

    public ControlClient Client => new(SocketPath, TimeSpan.FromSeconds(20));

    public PolicyStore Store => new(StorePath);

    public EngineOptions Options => new()
    {
        InterfaceAlias = InterfaceAlias,
        StorePath = StorePath,
        ControlSocket = SocketPath,
        StateDirectory = StateDirectory,
        LogLevel = LogLevel.Debug,
        EnforceOnHost = false,
    };

    /// <summary>Runs the engine until it stops; the task's result is its exit code.</summary>
    public Task<int> Launch()
    {
        Run = Task.Run(() => EngineRunner.RunAsync(Options, Configure, cancel.Token));
        return Run;
    }

    /// <summary>Runs the engine and waits until its socket answers.</summary>
    public async Task StartAsync()
    {
        var run = Launch();
        var watch = Stopwatch.StartNew();
        while (!Client.IsEngineRunning())
        {
            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"The engine exited with {await run}:\n{string.Join("\n", Log.Entries.Select(e => e.Text))}");
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the engine did not answer within 30 s");
            await Task.Delay(20);
        }
    }

    public T Call<T>(string command, IDictionary<string, object?>? arguments = null) => Client.Call<T>(command, arguments)!;

    public EngineStatus Status() => Call<EngineStatus>(ControlCommands.GetEngine);

    public List<AuditEvent> Events(params int[] ids) =>
        Call<List<AuditEvent>>(ControlCommands.GetEvents, new EventQuery { Id = ids.Length == 0 ? null : ids.ToList() }.ToArguments());

    /// <summary>Waits (real time) until an event with <paramref name="id"/> beyond <paramref name="count"/> of them exists.</summary>
    public async Task<AuditEvent> WaitForEventAsync(int id, int count = 0)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var events = Events(id);
            if (events.Count > count)
            {
                return events[0];
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"no audit event {id} within 10 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Sends Stop and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Client.Call(ControlCommands.Stop);
        return await Run!.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await cancel.CancelAsync();
        if (Run is not null)
        {
            try
            {
                await Run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
            }
        }

        cancel.Dispose();
        if (ownsRoot && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private void Configure(HostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Log);
        builder.Services.Replace(ServiceDescriptor.Singleton(typeof(IHostContextSource), Hosts));
        if (Time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(typeof(TimeProvider), Time));
        }

        foreach (var enforcer in Enforcers)
        {
            builder.Services.AddSingleton<IPolicyEnforcer>(enforcer);
        }
    }
}
