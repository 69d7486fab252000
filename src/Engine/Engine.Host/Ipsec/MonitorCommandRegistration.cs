using Engine.Host.Control;
using Engine.Host.Control.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engine.Host.Ipsec;

/// <summary>
/// The IP Security Monitor's control commands (SAs, statistics, Wireshark keys). They need an
/// <see cref="IIpsecMonitor"/> in the container. Registering twice is harmless: each command is
/// added once.
/// </summary>
public static class MonitorCommandRegistration
{
    public static IServiceCollection AddIpsecMonitorCommands(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommand, GetMainModeSaCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommand, GetQuickModeSaCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommand, RemoveMainModeSaCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommand, RemoveQuickModeSaCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommand, GetStatisticsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommand, ExportWiresharkKeysCommand>());
        return services;
    }
}
