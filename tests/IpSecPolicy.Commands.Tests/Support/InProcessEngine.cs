using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host;
using Engine.Host.Ipsec;
using Engine.Host.Options;
using Engine.Host.Policies;
using IpSecPolicy.Control;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IpSecPolicy.Commands.Tests.Support;

/// <summary>
/// The real engine, run inside the test process on a session's store and control socket, bound to
/// a made-up adapter "test0" (192.0.2.10), so the engine cmdlets can be tested without root.
/// </summary>
internal sealed class InProcessEngine : IAsyncDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly Task<int> run;

    private InProcessEngine(EngineOptions options, IIpsecMonitor? monitor)
    {
        Options = options;
        run = Task.Run(() => EngineRunner.RunAsync(options, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.Replace(ServiceDescriptor.Singleton(typeof(IHostContextSource), new TestAdapter()));
            if (monitor is not null)
            {
                // The SA commands over the test's monitor (a pair of IKE engines in this process).
                builder.Services.Replace(ServiceDescriptor.Singleton(monitor));
                builder.Services.AddIpsecMonitorCommands();
            }
        }, cancel.Token));
    }

    public EngineOptions Options { get; }

    /// <summary>The engine's exit code once it stopped.</summary>
    public Task<int> Run => run;

    public static async Task<InProcessEngine> StartAsync(PowerShellSession session, IIpsecMonitor? monitor = null)
    {
        var engine = new InProcessEngine(new EngineOptions
        {
            InterfaceAlias = TestAdapter.Name,
            StorePath = session.StorePath,
            ControlSocket = session.ControlSocketPath,
            StateDirectory = session.StorePath + "-engine-state",
            LogLevel = LogLevel.Warning,
            EnforceOnHost = false,
        }, monitor);
        var watch = Stopwatch.StartNew();
        while (!new ControlClient(session.ControlSocketPath).IsEngineRunning())
        {
            if (engine.run.IsCompleted)
            {
                throw new InvalidOperationException($"The engine exited with {await engine.run}.");
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the engine did not answer within 30 s");
            await Task.Delay(20);
        }

        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        await cancel.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Dispose();
        if (System.IO.Directory.Exists(Options.StateDirectory))
        {
            System.IO.Directory.Delete(Options.StateDirectory, recursive: true);
        }
    }

    private sealed class TestAdapter : IHostContextSource
    {
        public const string Name = "test0";

        public HostContext Discover(string interfaceAlias) => interfaceAlias == Name
            ? new HostContext { Addresses = new[] { new HostAddress(IPAddress.Parse("192.0.2.10"), Name) }.ToList(), InterfaceAlias = Name, Origin = "test" }
            : throw new PolicyException(ErrorIds.InterfaceNotFound, PolicyErrorCategory.ObjectNotFound, $"There is no interface '{interfaceAlias}' that is up.", interfaceAlias);
    }
}
