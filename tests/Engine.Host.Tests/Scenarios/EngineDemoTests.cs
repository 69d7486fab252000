using System;
using System.IO;
using System.Linq;
using Engine.Host.Tests.Support;

namespace Engine.Host.Tests.Scenarios;

/// <summary>The README's main job (ipsecpolicy-shell with no script): the engine demo runs end to end and leaves nothing behind.</summary>
public sealed class EngineDemoTests
{
    [Fact]
    public void The_engine_demo_brings_up_sas_passes_traffic_shows_them_and_cleans_up()
    {
        Assert.True(Environment.IsPrivilegedProcess, "The engine demo needs root; run the tests as root.");
        var shell = Path.Combine(AppContext.BaseDirectory, "ipsecpolicy-shell.dll");

        var (code, output) = Command.Run("dotnet", new[] { shell, "--engine-demo" }, timeout: TimeSpan.FromMinutes(3));

        Assert.True(code == 0, output);
        // The first ping waits for IKE; it may be lost at the responder just before quick mode 3 installs the SA.
        Assert.InRange(output.Split('\n').Count(l => l.StartsWith("ping 192.0.2.2 : Success", StringComparison.Ordinal)), 4, 5);
        Assert.Contains("Established Initiator AES256-SHA256-14", output);
        Assert.Matches(@"1 192\.0\.2\.2\s+Partner server\s+Transport ESP\[AES256,SHA256\]", output);
        Assert.Contains("Removing the namespaces", output);
        Assert.DoesNotContain("ipsecpolicy-demo-", Command.Check("ip", "netns", "list"));
    }
}
