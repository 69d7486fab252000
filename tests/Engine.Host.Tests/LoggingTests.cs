using System;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Tests;

/// <summary>Log event ids are part of the interface (journal filters, alerts): unique, and each in its area's range.</summary>
public sealed class LoggingTests
{
    [Fact]
    public void Every_log_message_has_a_unique_event_id_in_its_areas_range()
    {
        var messages = typeof(EngineRunner).Assembly.GetTypes()
            .Where(t => t.Namespace == "Engine.Host.Logging")
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => (Area: t.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(m => m.Attribute is not null)
            .ToList();
        var ranges = new (string Area, int First)[] { ("LifecycleLog", 1000), ("ControlLog", 1100), ("PolicyLog", 1200), ("AuditLog", 1300), ("MonitorLog", 1400), ("IkeLog", 2000), ("IpsecLog", 3000), ("VpnLog", 4000) };

        Assert.True(messages.Count >= 30);
        Assert.Equal(messages.Count, messages.Select(m => m.Attribute!.EventId).Distinct().Count());
        Assert.Equal(messages.Count, messages.Select(m => m.Attribute!.EventName).Distinct().Count());
        foreach (var (area, attribute) in messages)
        {
            var first = ranges.Single(r => r.Area == area).First;
            Assert.InRange(attribute!.EventId, first, first + 99);
        }
    }
}
