using System;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Pipeline;

/// <summary>A bind the data plane sends and receives through, with its facts read once.</summary>
internal sealed class RegisteredBind
{
    public RegisteredBind(IDatagramBind bind)
    {
        Bind = bind;
        Kind = bind.Kind;
        Family = bind.AddressFamily;
        var address = bind.LocalEndPoint.Address;
        IsAnyAddress = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        LocalAddress = IpAddressBits.From(address);
    }

    public IDatagramBind Bind { get; }

    public DatagramEndpointKind Kind { get; }

    public AddressFamily Family { get; }

    public UInt128 LocalAddress { get; }

    /// <summary>Bound to the wildcard address: a datagram's destination is then unknown.</summary>
    public bool IsAnyAddress { get; }
}
