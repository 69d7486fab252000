using System.Linq;
using System.Net;
using Engine.Host.Policies;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;

namespace Engine.Host.Tests.Support;

/// <summary>An adapter "test0" whose addresses a test sets, and that a test can make disappear.</summary>
internal sealed class FakeHostContextSource : IHostContextSource
{
    public const string Interface = "test0";

    private volatile string[] addresses = { "192.0.2.10", "2001:db8::10" };

    /// <summary>False: the adapter is gone (down or removed).</summary>
    public volatile bool Present = true;

    public void SetAddresses(params string[] value) => addresses = value;

    public HostContext Discover(string interfaceAlias)
    {
        if (!Present || interfaceAlias != Interface)
        {
            throw new PolicyException(ErrorIds.InterfaceNotFound, PolicyErrorCategory.ObjectNotFound,
                $"There is no interface '{interfaceAlias}' that is up. Interfaces: {Interface}.", interfaceAlias);
        }

        return new HostContext
        {
            Addresses = addresses.Select(a => new HostAddress(IPAddress.Parse(a), Interface)).ToList(),
            InterfaceAlias = Interface,
            Origin = "test",
        };
    }
}
