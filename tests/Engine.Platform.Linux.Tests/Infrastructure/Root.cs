using System;
using System.IO;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>
/// Namespace tests need root (network namespaces, TUN, raw sockets, SO_MARK). CI runs as root;
/// anywhere else they fail, loudly, instead of passing by skipping.
/// </summary>
internal static class Root
{
    internal static void Require()
    {
        if (Interop.LibC.GetEffectiveUserId() != 0)
        {
            Assert.Fail("This test creates network namespaces, TUN devices and raw sockets and must run as root (CI does). Run the tests with sudo.");
        }

        foreach (string tool in new[] { "ip", "nft" })
        {
            if (!Array.Exists(["/usr/sbin", "/sbin", "/usr/bin", "/bin"], directory => File.Exists(Path.Combine(directory, tool))))
            {
                Assert.Fail($"'{tool}' is not installed; install iproute2 and nftables.");
            }
        }
    }
}
