using System;
using Engine.Platform.Linux.Routing;

namespace Engine.Platform.Linux.Tests.Routing;

public sealed class PolicyRoutingOptionsTests
{
    [Fact]
    public void DefaultsAreValidAndKeepMarksInsideTheMask()
    {
        var options = PolicyRoutingOptions.Default;

        new PolicyRouter(options, "unused");
        Assert.Equal(0u, options.SecureMark & ~options.MarkMask);
        Assert.Equal(0u, options.BypassMark & ~options.MarkMask);
        Assert.NotEqual(options.SecureMark, options.BypassMark);
    }

    [Theory]
    [InlineData(0x0F000000u, 0x10000000u, 0x02000000u, 18768u, 18768)]   // secure mark outside the mask
    [InlineData(0x0F000000u, 0x01000000u, 0x01000000u, 18768u, 18768)]   // secure equals bypass
    [InlineData(0x0F000000u, 0x01000000u, 0x02000000u, 254u, 18768)]     // the main table
    [InlineData(0x0F000000u, 0x01000000u, 0x02000000u, 18768u, 32766)]   // behind the main table's rule
    [InlineData(0u, 0x01000000u, 0x02000000u, 18768u, 18768)]            // no mask
    public void ClashingValuesAreRejected(uint mask, uint secure, uint bypass, uint table, int priority)
    {
        var options = new PolicyRoutingOptions { MarkMask = mask, SecureMark = secure, BypassMark = bypass, RouteTable = table, RulePriority = priority };

        Assert.ThrowsAny<ArgumentException>(() => new PolicyRouter(options));
    }
}
