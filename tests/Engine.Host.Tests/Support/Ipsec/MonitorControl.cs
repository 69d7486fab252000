using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using Engine.Host.Control;
using Engine.Host.Ipsec;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>
/// The monitor's control commands as the engine registers them (AddIpsecMonitorCommands), behind
/// the real dispatcher: requests go in as JSON lines and come back as responses, so the wire form
/// is what the tests see.
/// </summary>
internal sealed class MonitorControl : IDisposable
{
    private readonly ServiceProvider provider;
    private int nextId;

    public MonitorControl(IIpsecMonitor monitor, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Log).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(monitor);
        services.AddSingleton(time);
        services.AddIpsecMonitorCommands();
        services.AddIpsecMonitorCommands();
        services.AddSingleton<ControlDispatcher>();
        provider = services.BuildServiceProvider();
    }

    public RecordingLoggerProvider Log { get; } = new();

    public IReadOnlyCollection<string> Commands => provider.GetRequiredService<ControlDispatcher>().CommandNames;

    /// <summary>The response line as the engine would write it.</summary>
    public string Raw(string command, object? arguments = null)
    {
        var line = JsonSerializer.Serialize(new { id = ++nextId, command, arguments }, ControlJson.Options);
        var (response, _) = provider.GetRequiredService<ControlDispatcher>().DispatchAsync(line, CancellationToken.None).GetAwaiter().GetResult();
        return JsonSerializer.Serialize(response, ControlJson.Options);
    }

    public ControlResponse Response(string command, object? arguments = null) =>
        JsonSerializer.Deserialize<ControlResponse>(Raw(command, arguments), ControlJson.Options)!;

    public T Call<T>(string command, object? arguments = null)
    {
        var response = Response(command, arguments);
        Assert.True(response.Ok, $"{command} refused: {response.Error?.Id}: {response.Error?.Message}");
        return response.Result!.Value.Deserialize<T>(ControlJson.Options)!;
    }

    public ControlError Refusal(string command, object? arguments = null)
    {
        var response = Response(command, arguments);
        Assert.False(response.Ok, $"{command} was not refused");
        return response.Error!;
    }

    public void Dispose() => provider.Dispose();
}
