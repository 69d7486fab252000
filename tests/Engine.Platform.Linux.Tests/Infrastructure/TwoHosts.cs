using System;
using System.Net;
using Engine.Platform.Linux.Namespaces;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>
/// Two fresh namespaces joined by a veth pair: "left" 10.201.0.1/24 and fd00:201::1/64, "right"
/// 10.201.0.2/24 and fd00:201::2/64. Every test makes its own; Dispose deletes both namespaces.
/// </summary>
internal sealed class TwoHosts : IDisposable
{
    internal const string LeftInterface = "veth-left";
    internal const string RightInterface = "veth-right";

    internal static readonly IPAddress LeftV4 = IPAddress.Parse("10.201.0.1");
    internal static readonly IPAddress RightV4 = IPAddress.Parse("10.201.0.2");
    internal static readonly IPAddress LeftV6 = IPAddress.Parse("fd00:201::1");
    internal static readonly IPAddress RightV6 = IPAddress.Parse("fd00:201::2");

    private TwoHosts(DisposableNetworkNamespace left, DisposableNetworkNamespace right)
    {
        Left = left;
        Right = right;
    }

    internal DisposableNetworkNamespace Left { get; }

    internal DisposableNetworkNamespace Right { get; }

    internal static TwoHosts Create()
    {
        Root.Require();
        DisposableNetworkNamespace left = DisposableNetworkNamespace.Create();
        DisposableNetworkNamespace? right = null;
        try
        {
            right = DisposableNetworkNamespace.Create();
            // Deleting either namespace deletes the pair, so the pair needs no Dispose of its own.
            VethPair.Create(
                new VethEnd(left.Name, LeftInterface, [new InterfaceAddress(LeftV4, 24), new InterfaceAddress(LeftV6, 64)]),
                new VethEnd(right.Name, RightInterface, [new InterfaceAddress(RightV4, 24), new InterfaceAddress(RightV6, 64)]));
            return new TwoHosts(left, right);
        }
        catch
        {
            right?.Dispose();
            left.Dispose();
            throw;
        }
    }

    internal static IPAddress LeftAddress(bool ipv6) => ipv6 ? LeftV6 : LeftV4;

    internal static IPAddress RightAddress(bool ipv6) => ipv6 ? RightV6 : RightV4;

    public void Dispose()
    {
        Right.Dispose();
        Left.Dispose();
    }
}
