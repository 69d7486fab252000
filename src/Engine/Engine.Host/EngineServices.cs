using System;
using Engine.Host.Audit;
using Engine.Host.Control;
using Engine.Host.Control.Commands;
using Engine.Host.Enforcement;
using Engine.Host.Ipsec;
using Engine.Host.Lifecycle;
using Engine.Host.Options;
using Engine.Host.Policies;
using Engine.Host.Vpn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Engine.Host;

/// <summary>
/// The engine's composition root. The seams for what comes next are registrations here:
/// an <see cref="Enforcement.IPolicyEnforcer"/> per enforcing component (IKE, data plane), an
/// <see cref="IControlCommand"/> per control command they add, and <see cref="IAuditSink"/> to
/// write their audit events (541/542/543/547).
/// </summary>
public static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services, EngineOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostContextSource, SystemHostContextSource>();
        services.AddSingleton<EngineRuntime>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<IAuditSink>(provider => provider.GetRequiredService<AuditTrail>());
        services.AddSingleton<PolicyLoader>();
        services.AddSingleton<PolicyAgent>();
        services.AddSingleton<ControlSocketClaim>();
        services.AddSingleton<ControlDispatcher>();
        services.AddSingleton<ControlServer>();
        services.AddSingleton<EngineStatusReporter>();
        services.AddSingleton<EngineStartup>();

        services.AddSingleton<VpnService>();
        services.AddSingleton<IVpnMonitor>(provider => provider.GetRequiredService<VpnService>());
        services.AddSingleton<IpsecEnforcer>();
        services.AddSingleton<IIpsecMonitor>(provider => provider.GetRequiredService<IpsecEnforcer>());
        if (options.EnforceOnHost)
        {
            services.AddSingleton<IPolicyEnforcer>(provider => provider.GetRequiredService<IpsecEnforcer>());
        }

        services.AddIpsecMonitorCommands();
        services.AddSingleton<IControlCommand, GetEngineCommand>();
        services.AddSingleton<IControlCommand, SyncCommand>();
        services.AddSingleton<IControlCommand, StopCommand>();
        services.AddSingleton<IControlCommand, GetEventsCommand>();
        services.AddSingleton<IControlCommand, GetVpnGatewayCommand>();
        services.AddSingleton<IControlCommand, GetVpnSessionCommand>();
        services.AddSingleton<IControlCommand, DisconnectVpnSessionCommand>();
        services.AddSingleton<IControlCommand, GetVpnConnectionCommand>();

        // Started in this order and stopped in the reverse: the control socket answers until the end.
        services.AddHostedService(provider => provider.GetRequiredService<ControlServer>());
        services.AddHostedService<EngineLifecycleService>();
        services.AddHostedService<PolicyPoller>();

        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
