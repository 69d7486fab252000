using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Lifecycle;
using Engine.Host.Logging;
using Engine.Host.Options;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using GenericHost = Microsoft.Extensions.Hosting.Host;

namespace Engine.Host;

/// <summary>
/// Runs one engine to its end and returns its exit code (<see cref="EngineExitCode"/>). Program
/// calls it with the parsed options; tests call it in-process with <c>configure</c> replacing the
/// adapter discovery or the clock.
/// </summary>
public static class EngineRunner
{
    public static async Task<int> RunAsync(EngineOptions options, Action<HostApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var builder = GenericHost.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "ipsecpolicy-engine",
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder, options.LogLevel);
        builder.Services.AddEngine(options);
        // After the console logger: under systemd the journal's format and READY=1/STOPPING=1.
        builder.Services.AddSystemd();
        configure?.Invoke(builder);

        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Engine.Host.Lifecycle");
        try
        {
            await host.Services.GetRequiredService<EngineStartup>().StartAsync(cancellationToken);
        }
        catch (EngineStartException e)
        {
            logger.StartFailed(e.ExitCode, e.Message);
            return e.ExitCode;
        }

        // Started and awaited by hand rather than with RunAsync, which disposes the host before an
        // exception reaches us: the audit trail must still be open to record 5484.
        var audit = host.Services.GetRequiredService<IAuditSink>();
        try
        {
            await host.StartAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
            return EngineExitCode.Stopped;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return EngineExitCode.Stopped;
        }
        catch (Exception e)
        {
            logger.Failed(e);
            audit.Write(new AuditRecord(AuditEventIds.EngineFailed, AuditOutcome.Failure,
                $"The IPsec engine on {options.InterfaceAlias} failed and stopped: {e.Message}",
                new Dictionary<string, string> { ["Interface"] = options.InterfaceAlias, ["Reason"] = e.Message }));
            return EngineExitCode.Failed;
        }
    }

    private static void ConfigureLogging(HostApplicationBuilder builder, LogLevel level)
    {
        builder.Logging.SetMinimumLevel(level);
        if (level > LogLevel.Debug)
        {
            // The framework's own Information lines (hosting, lifetimes) are noise in an engine's log.
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.IncludeScopes = false;
        });
    }
}
