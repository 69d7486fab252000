using System;
using System.Net;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Ipcp;

/// <summary>
/// IPCP at the client, as Windows does it: ask for IP-Address 0.0.0.0 (or a preferred address)
/// and, when wanted, DNS and NBNS servers with 0.0.0.0 (RFC 1877), then take whatever the server
/// Naks with. Options the server rejects are dropped, except the address: a server that will not
/// give one ends IPCP. The server's own request is acknowledged when it names a non-zero address.
/// </summary>
internal sealed class IpcpClientNegotiator : IOptionNegotiator
{
    private static readonly IpcpOptionType[] NameServerTypes =
        [IpcpOptionType.PrimaryDns, IpcpOptionType.PrimaryNbns, IpcpOptionType.SecondaryDns, IpcpOptionType.SecondaryNbns];

    private readonly uint preferredAddress;
    private readonly bool wantDns;
    private readonly bool wantWins;
    private readonly uint[] values = new uint[4];
    private readonly bool[] requested = new bool[4];
    private uint address;
    private bool requestAddress;

    public IpcpClientNegotiator(IPAddress? preferredAddress, bool requestDns, bool requestWins)
    {
        this.preferredAddress = preferredAddress is null ? 0 : Ipv4OptionValue.ToNumber(preferredAddress);
        wantDns = requestDns;
        wantWins = requestWins;
        ResetNegotiation();
    }

    public uint LocalAddress { get; private set; }

    public uint PeerAddress { get; private set; }

    public uint PrimaryDns { get; private set; }

    public uint SecondaryDns { get; private set; }

    public uint PrimaryWins { get; private set; }

    public uint SecondaryWins { get; private set; }

    public void ResetNegotiation()
    {
        address = preferredAddress;
        requestAddress = true;
        for (var i = 0; i < NameServerTypes.Length; i++)
        {
            values[i] = 0;
            requested[i] = IsDns(NameServerTypes[i]) ? wantDns : wantWins;
        }

        LocalAddress = 0;
        PeerAddress = 0;
        PrimaryDns = SecondaryDns = PrimaryWins = SecondaryWins = 0;
    }

    public void WriteRequest(ref PppPacketWriter writer)
    {
        if (requestAddress)
        {
            writer.WriteOptionUInt32((byte)IpcpOptionType.IpAddress, address);
        }

        for (var i = 0; i < NameServerTypes.Length; i++)
        {
            if (requested[i])
            {
                writer.WriteOptionUInt32((byte)NameServerTypes[i], values[i]);
            }
        }
    }

    public void ReviewRequest(ReadOnlySpan<byte> options, ConfigureReview review)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)IpcpOptionType.IpAddress && option.HasValueLength(4) && option.ReadUInt32() != 0)
            {
                continue;
            }

            review.Reject(option);
        }
    }

    public void AcceptPeerRequest(ReadOnlySpan<byte> options)
    {
        PeerAddress = 0;
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)IpcpOptionType.IpAddress)
            {
                PeerAddress = option.ReadUInt32();
            }
        }
    }

    public void RequestAcknowledged()
    {
        LocalAddress = requestAddress ? address : preferredAddress;
        PrimaryDns = requested[0] ? values[0] : 0;
        PrimaryWins = requested[1] ? values[1] : 0;
        SecondaryDns = requested[2] ? values[2] : 0;
        SecondaryWins = requested[3] ? values[3] : 0;
    }

    public NegotiationOutcome ApplyNak(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (!option.HasValueLength(4))
            {
                continue;
            }

            var value = option.ReadUInt32();
            if (option.Type == (byte)IpcpOptionType.IpAddress)
            {
                if (value != 0)
                {
                    address = value;
                    requestAddress = true;
                }

                continue;
            }

            var index = Array.IndexOf(NameServerTypes, (IpcpOptionType)option.Type);
            if (index >= 0 && requested[index])
            {
                values[index] = value;
            }
        }

        return NegotiationOutcome.Continue;
    }

    public NegotiationOutcome ApplyReject(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)IpcpOptionType.IpAddress)
            {
                if (preferredAddress == 0)
                {
                    return NegotiationOutcome.Fail(PppCloseReason.AddressUnavailable, "the server refused to assign an IP address");
                }

                requestAddress = false;
                continue;
            }

            var index = Array.IndexOf(NameServerTypes, (IpcpOptionType)option.Type);
            if (index >= 0)
            {
                requested[index] = false;
            }
        }

        return NegotiationOutcome.Continue;
    }

    private static bool IsDns(IpcpOptionType type) => type is IpcpOptionType.PrimaryDns or IpcpOptionType.SecondaryDns;
}
