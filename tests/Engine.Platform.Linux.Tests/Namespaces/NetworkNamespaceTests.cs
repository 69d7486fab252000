using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Engine.Platform.Linux.Commands;
using Engine.Platform.Linux.Namespaces;
using Engine.Platform.Linux.Tests.Infrastructure;

namespace Engine.Platform.Linux.Tests.Namespaces;

public sealed class NetworkNamespaceTests
{
    [Fact]
    public void RunExecutesOnAThreadInsideTheNamespace()
    {
        Root.Require();
        using var scratch = DisposableNetworkNamespace.Create();
        ulong pinned = InodeOf(Path.Combine(NetworkNamespace.PinDirectory, scratch.Name));

        ulong inside = scratch.Run(CurrentThreadNamespace);

        Assert.Equal(pinned, inside);
        Assert.NotEqual(pinned, CurrentThreadNamespace());
    }

    [Fact]
    public void ExceptionsFromTheActionReachTheCaller()
    {
        Root.Require();
        using var scratch = DisposableNetworkNamespace.Create();

        var error = Assert.Throws<InvalidOperationException>(() => scratch.Run(() => throw new InvalidOperationException("inside")));

        Assert.Equal("inside", error.Message);
    }

    [Fact]
    public void EnteringAMissingNamespaceFailsWithItsName()
    {
        Root.Require();

        var error = Assert.Throws<IOException>(() => NetworkNamespace.Run("ipsecpolicy-no-such-namespace", () => { }));

        Assert.Contains("ipsecpolicy-no-such-namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisposeDeletesTheNamespace()
    {
        Root.Require();
        var scratch = DisposableNetworkNamespace.Create();
        Assert.True(NetworkNamespace.Exists(scratch.Name));
        Assert.Contains("\"UP\"", scratch.ExecuteChecked("ip", "-j", "link", "show", "lo").StandardOutput, StringComparison.Ordinal);

        scratch.Dispose();
        scratch.Dispose();

        Assert.False(NetworkNamespace.Exists(scratch.Name));
    }

    [Fact]
    public void NamespacesOfDeadProcessesAreRemoved()
    {
        Root.Require();
        // No process can have this id (it is above the kernel's pid_max).
        string abandoned = DisposableNetworkNamespace.NamePrefix + "2147483647-1";
        ExternalCommand.RunChecked("ip", ["netns", "add", abandoned]);
        try
        {
            using var current = DisposableNetworkNamespace.Create();

            Assert.False(NetworkNamespace.Exists(abandoned));
            Assert.True(NetworkNamespace.Exists(current.Name));
        }
        finally
        {
            ExternalCommand.Run("ip", ["netns", "delete", abandoned]);
        }
    }

    [Fact]
    public void VethPairConnectsTwoNamespacesOverIpv4AndIpv6()
    {
        using var hosts = TwoHosts.Create();

        string[] addresses = AddressesOf(hosts.Left, TwoHosts.LeftInterface);
        Assert.Contains("10.201.0.1/24", addresses);
        Assert.Contains("fd00:201::1/64", addresses);
        hosts.Left.ExecuteChecked("ping", "-c", "1", "-W", "2", TwoHosts.RightV4.ToString());
        hosts.Left.ExecuteChecked("ping", "-c", "1", "-W", "2", TwoHosts.RightV6.ToString());
    }

    [Fact]
    public void DisposingTheVethPairDeletesBothEnds()
    {
        Root.Require();
        using var left = DisposableNetworkNamespace.Create();
        using var right = DisposableNetworkNamespace.Create();
        var pair = VethPair.Create(new VethEnd(left.Name, "a0", []), new VethEnd(right.Name, "b0", []));

        pair.Dispose();

        Assert.False(left.Execute("ip", "link", "show", "a0").Succeeded);
        Assert.False(right.Execute("ip", "link", "show", "b0").Succeeded);
    }

    private static string[] AddressesOf(DisposableNetworkNamespace scratch, string interfaceName)
    {
        using JsonDocument document = JsonDocument.Parse(scratch.ExecuteChecked("ip", "-j", "address", "show", "dev", interfaceName).StandardOutput);
        return document.RootElement[0].GetProperty("addr_info").EnumerateArray()
            .Select(address => $"{address.GetProperty("local").GetString()}/{address.GetProperty("prefixlen").GetInt32()}")
            .ToArray();
    }

    /// <summary>Read in-process: the link's target is "net:[inode]" of the calling thread's namespace.</summary>
    private static ulong CurrentThreadNamespace()
    {
        string target = File.ResolveLinkTarget("/proc/thread-self/ns/net", returnFinalTarget: false)!.FullName;
        string inode = target[(target.IndexOf('[', StringComparison.Ordinal) + 1)..target.IndexOf(']', StringComparison.Ordinal)];
        return ulong.Parse(inode, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong InodeOf(string path) =>
        ulong.Parse(ExternalCommand.RunChecked("stat", ["-L", "-c", "%i", path]).StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
