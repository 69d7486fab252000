using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using Engine.Platform.Linux.Commands;
using Engine.Platform.Linux.Interop;

namespace Engine.Platform.Linux.Namespaces;

/// <summary>
/// A veth pair joining two namespaces (a virtual cable), each end up and addressed. IPv6
/// addresses are added without duplicate address detection so they work at once instead of after
/// about two seconds. Disposing deletes both ends; deleting either namespace does too.
/// </summary>
public sealed class VethPair : IDisposable
{
    private int _disposed;

    private VethPair(VethEnd left, VethEnd right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The end created first; deleting it deletes its peer.</summary>
    public VethEnd Left { get; }

    /// <summary>The peer end.</summary>
    public VethEnd Right { get; }

    /// <summary>Creates the pair directly in the two namespaces (they may be the same one), addresses both ends and brings them up.</summary>
    /// <exception cref="ExternalCommandException">An <c>ip</c> command failed (name taken, namespace missing, not root).</exception>
    public static VethPair Create(VethEnd left, VethEnd right)
    {
        Validate(left, nameof(left));
        Validate(right, nameof(right));
        ExternalCommand.RunChecked("ip",
        [
            "link", "add", left.InterfaceName, "netns", left.NetworkNamespace,
            "type", "veth", "peer", "name", right.InterfaceName, "netns", right.NetworkNamespace,
        ]);
        var pair = new VethPair(left, right);
        try
        {
            Configure(left);
            Configure(right);
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the pair. Safe to call twice and after a namespace is already gone.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && NetworkNamespace.Exists(Left.NetworkNamespace))
        {
            IpCommand.Run(Left.NetworkNamespace, ["link", "delete", Left.InterfaceName]);
        }
    }

    private static void Validate(VethEnd end, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(end, parameterName);
        NetworkNamespace.ValidateName(end.NetworkNamespace);
        InterfaceNames.Validate(end.InterfaceName, parameterName);
        ArgumentNullException.ThrowIfNull(end.Addresses, parameterName);
    }

    private static void Configure(VethEnd end)
    {
        IEnumerable<string> addresses = end.Addresses.Select(address =>
            address.Address.AddressFamily == AddressFamily.InterNetworkV6
                ? $"address add {address} dev {end.InterfaceName} nodad"
                : $"address add {address} dev {end.InterfaceName}");
        // Up first, addresses second: an IPv6 address added while the link is down joins its
        // solicited-node multicast group late, so the peer's first neighbour solicitation is
        // missed and the first packet waits a full retransmission second.
        IpCommand.Batch(end.NetworkNamespace, null, addresses.Prepend($"link set {end.InterfaceName} up"));
    }
}
