using System;
using System.Buffers.Binary;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Ipv6cp;

/// <summary>
/// IPv6CP (RFC 5072): each end picks a random non-zero 64-bit Interface-Identifier for its
/// link-local address fe80::/64. A peer identifier that is zero or equal to ours is naked with a
/// fresh random one (section 4.1); a Nak of ours is taken when it is usable. Addresses beyond
/// link-local come from router advertisements or DHCPv6 over the link, not from IPv6CP.
/// </summary>
internal sealed class Ipv6cpNegotiator : IOptionNegotiator
{
    private readonly PppContext context;
    private ulong identifier;
    private bool requestIdentifier;

    public Ipv6cpNegotiator(PppContext context)
    {
        this.context = context;
        ResetNegotiation();
    }

    public ulong LocalIdentifier { get; private set; }

    public ulong PeerIdentifier { get; private set; }

    public void ResetNegotiation()
    {
        identifier = NewIdentifier(0);
        requestIdentifier = true;
        LocalIdentifier = 0;
        PeerIdentifier = 0;
    }

    public void WriteRequest(ref PppPacketWriter writer)
    {
        if (requestIdentifier)
        {
            Span<byte> value = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(value, identifier);
            writer.WriteOption((byte)Ipv6cpOptionType.InterfaceIdentifier, value);
        }
    }

    public void ReviewRequest(ReadOnlySpan<byte> options, ConfigureReview review)
    {
        Span<byte> suggestion = stackalloc byte[8];
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type != (byte)Ipv6cpOptionType.InterfaceIdentifier || !option.HasValueLength(8))
            {
                review.Reject(option);
                continue;
            }

            var peer = BinaryPrimitives.ReadUInt64BigEndian(option.Value);
            if (peer == 0 || peer == identifier)
            {
                BinaryPrimitives.WriteUInt64BigEndian(suggestion, NewIdentifier(identifier));
                review.Nak(option, suggestion);
            }
        }
    }

    public void AcceptPeerRequest(ReadOnlySpan<byte> options)
    {
        PeerIdentifier = 0;
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)Ipv6cpOptionType.InterfaceIdentifier)
            {
                PeerIdentifier = BinaryPrimitives.ReadUInt64BigEndian(option.Value);
            }
        }
    }

    public void RequestAcknowledged() => LocalIdentifier = requestIdentifier ? identifier : 0;

    public NegotiationOutcome ApplyNak(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)Ipv6cpOptionType.InterfaceIdentifier && option.HasValueLength(8))
            {
                var suggested = BinaryPrimitives.ReadUInt64BigEndian(option.Value);
                identifier = suggested != 0 && suggested != PeerIdentifier ? suggested : NewIdentifier(identifier);
                requestIdentifier = true;
            }
        }

        return NegotiationOutcome.Continue;
    }

    public NegotiationOutcome ApplyReject(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (option.Type == (byte)Ipv6cpOptionType.InterfaceIdentifier)
            {
                requestIdentifier = false;
            }
        }

        return NegotiationOutcome.Continue;
    }

    private ulong NewIdentifier(ulong differentFrom)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var value = ((ulong)context.NextRandomUInt32() << 32) | context.NextRandomUInt32();
            if (value != 0 && value != differentFrom)
            {
                return value;
            }
        }

        return differentFrom + 1 == 0 ? 1 : differentFrom + 1;
    }
}
