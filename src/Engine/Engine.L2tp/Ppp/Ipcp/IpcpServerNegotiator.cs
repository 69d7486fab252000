using System;
using System.Collections.Generic;
using System.Net;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Ipcp;

/// <summary>
/// IPCP at the gateway. Our request carries our own address. In the client's request the
/// IP-Address must be the one assigned to it (from the pool or the user's static address): any
/// other value, 0.0.0.0 included, is naked with the assigned address, and a request without the
/// option gets it as a hint. DNS and NBNS (WINS) options are naked with the configured servers, or
/// rejected when none is configured (RFC 1877). IP-Compression-Protocol (VJ), the old
/// IP-Addresses option and anything unknown are rejected.
/// </summary>
internal sealed class IpcpServerNegotiator : IOptionNegotiator
{
    private readonly uint localAddress;
    private readonly uint[] nameServers = new uint[4];
    private bool requestLocalAddress;

    public IpcpServerNegotiator(IPAddress localAddress, IReadOnlyList<IPAddress> dnsServers, IReadOnlyList<IPAddress> winsServers)
    {
        this.localAddress = Ipv4OptionValue.ToNumber(localAddress);
        nameServers[0] = dnsServers.Count > 0 ? Ipv4OptionValue.ToNumber(dnsServers[0]) : 0;
        nameServers[1] = dnsServers.Count > 1 ? Ipv4OptionValue.ToNumber(dnsServers[1]) : 0;
        nameServers[2] = winsServers.Count > 0 ? Ipv4OptionValue.ToNumber(winsServers[0]) : 0;
        nameServers[3] = winsServers.Count > 1 ? Ipv4OptionValue.ToNumber(winsServers[1]) : 0;
        ResetNegotiation();
    }

    /// <summary>The address the client must take; set by the session before IPCP starts.</summary>
    public uint AssignedPeerAddress { get; set; }

    /// <summary>The client's address as we acknowledged it; zero until then.</summary>
    public uint AgreedPeerAddress { get; private set; }

    public void ResetNegotiation()
    {
        requestLocalAddress = true;
        AgreedPeerAddress = 0;
    }

    public void WriteRequest(ref PppPacketWriter writer)
    {
        if (requestLocalAddress)
        {
            writer.WriteOptionUInt32((byte)IpcpOptionType.IpAddress, localAddress);
        }
    }

    public void ReviewRequest(ReadOnlySpan<byte> options, ConfigureReview review)
    {
        Span<byte> suggestion = stackalloc byte[4];
        var sawAddress = false;
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            var type = (IpcpOptionType)option.Type;
            if (!option.HasValueLength(4))
            {
                review.Reject(option);
                continue;
            }

            switch (type)
            {
                case IpcpOptionType.IpAddress:
                    sawAddress = true;
                    NakUnless(option, AssignedPeerAddress, review, suggestion);
                    break;
                case IpcpOptionType.PrimaryDns:
                case IpcpOptionType.SecondaryDns:
                case IpcpOptionType.PrimaryNbns:
                case IpcpOptionType.SecondaryNbns:
                    var configured = NameServer(type);
                    if (configured == 0)
                    {
                        review.Reject(option);
                    }
                    else
                    {
                        NakUnless(option, configured, review, suggestion);
                    }

                    break;
                default:
                    review.Reject(option);
                    break;
            }
        }

        if (!sawAddress && AssignedPeerAddress != 0)
        {
            Ipv4OptionValue.Write(suggestion, AssignedPeerAddress);
            review.Suggest((byte)IpcpOptionType.IpAddress, suggestion);
        }
    }

    public void AcceptPeerRequest(ReadOnlySpan<byte> options)
    {
        AgreedPeerAddress = 0;
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)IpcpOptionType.IpAddress)
            {
                AgreedPeerAddress = option.ReadUInt32();
            }
        }
    }

    public void RequestAcknowledged()
    {
    }

    // A client that Naks our own address gets it again: the gateway's end of the link is not
    // negotiable (pppd without ipcp-accept-local does the same).
    public NegotiationOutcome ApplyNak(ReadOnlySpan<byte> options) => NegotiationOutcome.Continue;

    public NegotiationOutcome ApplyReject(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)IpcpOptionType.IpAddress)
            {
                requestLocalAddress = false;
            }
        }

        return NegotiationOutcome.Continue;
    }

    private static void NakUnless(PppOption option, uint wanted, ConfigureReview review, Span<byte> suggestion)
    {
        if (option.ReadUInt32() != wanted)
        {
            Ipv4OptionValue.Write(suggestion, wanted);
            review.Nak(option, suggestion);
        }
    }

    private uint NameServer(IpcpOptionType type) => type switch
    {
        IpcpOptionType.PrimaryDns => nameServers[0],
        IpcpOptionType.SecondaryDns => nameServers[1],
        IpcpOptionType.PrimaryNbns => nameServers[2],
        _ => nameServers[3],
    };
}
