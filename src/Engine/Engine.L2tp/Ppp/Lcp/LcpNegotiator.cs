using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Lcp;

/// <summary>
/// LCP's options (RFC 1661 section 6): MRU, ACCM, Authentication-Protocol, Magic-Number, PFC and
/// ACFC. Anything else (Quality-Protocol, Callback, Multilink, ...) is rejected.
/// <para>
/// Authentication: the server asks for the first protocol of its ordered list in its own
/// Configure-Request. When the client Naks with a protocol the server also allows, the server
/// switches to it; otherwise the server moves to the next protocol in its list. When the client
/// Rejects the option or the list runs out, LCP fails with AuthenticationProtocolRefused. The
/// client Acks a requested protocol it allows and Naks anything else with its own first
/// preference. A peer that asks us (the server) to authenticate ourselves is rejected: the
/// gateway proves itself through IPsec, and MS-CHAPv2 is mutual anyway.
/// </para>
/// ACCM is meaningless on L2TP's synchronous link (RFC 2661 section 5.2 leaves it to the LAC),
/// so a requested ACCM is acknowledged and ignored and we never request one.
/// </summary>
internal sealed class LcpNegotiator : IOptionNegotiator
{
    private readonly PppContext context;
    private readonly LcpSettings settings;
    private readonly NegotiationSettings negotiation;
    private readonly PppRole role;
    private readonly IReadOnlyList<PppAuthenticationProtocol> authenticationProtocols;

    private bool requestMru;
    private ushort mru;
    private bool requestMagic;
    private uint magic;
    private bool requestPfc;
    private bool requestAcfc;
    private int authenticationIndex;
    private readonly HashSet<PppAuthenticationProtocol> refusedProtocols = [];
    private uint lastNakedMagic;
    private int loopbackSuspicions;

    /// <param name="authenticationProtocols">Server: the protocols to ask for, in order. Client: the protocols it agrees to, in order of preference.</param>
    public LcpNegotiator(PppContext context, LcpSettings settings, NegotiationSettings negotiation, PppRole role, IReadOnlyList<PppAuthenticationProtocol> authenticationProtocols)
    {
        this.context = context;
        this.settings = settings;
        this.negotiation = negotiation;
        this.role = role;
        this.authenticationProtocols = authenticationProtocols;
        ResetNegotiation();
    }

    /// <summary>Our Magic-Number as the peer acknowledged it; zero when not negotiated.</summary>
    public uint LocalMagic { get; private set; }

    /// <summary>The peer's Magic-Number as we acknowledged it; zero when not negotiated.</summary>
    public uint PeerMagic { get; private set; }

    /// <summary>The largest frame the peer accepts from us.</summary>
    public ushort PeerMru { get; private set; } = LcpSettings.DefaultMru;

    /// <summary>The MRU the peer acknowledged for us.</summary>
    public ushort LocalMru { get; private set; } = LcpSettings.DefaultMru;

    /// <summary>Header compression we may use on frames we send.</summary>
    public PppFrameCompression SendCompression { get; private set; }

    /// <summary>Server: the protocol the client agreed to authenticate with. Null when none.</summary>
    public PppAuthenticationProtocol? AgreedAuthentication { get; private set; }

    /// <summary>Client: the protocol the server asked us to authenticate with and we acknowledged.</summary>
    public PppAuthenticationProtocol? PeerRequiredAuthentication { get; private set; }

    /// <summary>The Magic-Number in our current request (for echo loop checks before LCP is open).</summary>
    public uint CurrentMagic => requestMagic ? magic : 0;

    public void ResetNegotiation()
    {
        mru = settings.Mru;
        requestMru = settings.Mru != LcpSettings.DefaultMru;
        requestMagic = settings.UseMagicNumber;
        magic = NewMagic(0);
        requestPfc = settings.RequestProtocolFieldCompression;
        requestAcfc = settings.RequestAddressControlCompression;
        refusedProtocols.Clear();
        authenticationIndex = 0;
        lastNakedMagic = 0;
        loopbackSuspicions = 0;
        LocalMagic = 0;
        LocalMru = LcpSettings.DefaultMru;
        AgreedAuthentication = null;
        PeerMagic = 0;
        PeerMru = LcpSettings.DefaultMru;
        SendCompression = PppFrameCompression.None;
        PeerRequiredAuthentication = null;
    }

    public void WriteRequest(ref PppPacketWriter writer)
    {
        if (requestMru)
        {
            writer.WriteOptionUInt16((byte)LcpOptionType.MaximumReceiveUnit, mru);
        }

        if (RequestedAuthentication is { } protocol)
        {
            Span<byte> value = stackalloc byte[3];
            var length = AuthenticationProtocolOption.Encode(protocol, value);
            writer.WriteOption((byte)LcpOptionType.AuthenticationProtocol, value[..length]);
        }

        if (requestMagic)
        {
            writer.WriteOptionUInt32((byte)LcpOptionType.MagicNumber, magic);
        }

        if (requestPfc)
        {
            writer.WriteOptionEmpty((byte)LcpOptionType.ProtocolFieldCompression);
        }

        if (requestAcfc)
        {
            writer.WriteOptionEmpty((byte)LcpOptionType.AddressControlFieldCompression);
        }
    }

    public void ReviewRequest(ReadOnlySpan<byte> options, ConfigureReview review)
    {
        Span<byte> suggestion = stackalloc byte[4];
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            switch ((LcpOptionType)option.Type)
            {
                case LcpOptionType.MaximumReceiveUnit when option.HasValueLength(2):
                    if (option.ReadUInt16() < LcpSettings.MinimumMru)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(suggestion, LcpSettings.MinimumMru);
                        review.Nak(option, suggestion[..2]);
                    }

                    break;
                case LcpOptionType.AsyncControlCharacterMap when option.HasValueLength(4):
                    break;
                case LcpOptionType.AuthenticationProtocol when role == PppRole.Client:
                    ReviewAuthenticationRequest(option, review, suggestion);
                    break;
                case LcpOptionType.MagicNumber when option.HasValueLength(4):
                    var peerMagic = option.ReadUInt32();
                    if (peerMagic == 0 || (requestMagic && peerMagic == magic))
                    {
                        // RFC 1661 section 6.4: zero is illegal and an equal number may be our own
                        // request looped back; Nak with a different number either way.
                        lastNakedMagic = NewMagic(magic);
                        BinaryPrimitives.WriteUInt32BigEndian(suggestion, lastNakedMagic);
                        review.Nak(option, suggestion[..4]);
                    }

                    break;
                case LcpOptionType.ProtocolFieldCompression when option.HasValueLength(0) && settings.AcceptCompression:
                case LcpOptionType.AddressControlFieldCompression when option.HasValueLength(0) && settings.AcceptCompression:
                    break;
                default:
                    review.Reject(option);
                    break;
            }
        }
    }

    public void AcceptPeerRequest(ReadOnlySpan<byte> options)
    {
        PeerMru = LcpSettings.DefaultMru;
        PeerMagic = 0;
        SendCompression = PppFrameCompression.None;
        PeerRequiredAuthentication = null;
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            switch ((LcpOptionType)option.Type)
            {
                case LcpOptionType.MaximumReceiveUnit:
                    PeerMru = option.ReadUInt16();
                    break;
                case LcpOptionType.MagicNumber:
                    PeerMagic = option.ReadUInt32();
                    break;
                case LcpOptionType.ProtocolFieldCompression:
                    SendCompression |= PppFrameCompression.ProtocolField;
                    break;
                case LcpOptionType.AddressControlFieldCompression:
                    SendCompression |= PppFrameCompression.AddressControl;
                    break;
                case LcpOptionType.AuthenticationProtocol when AuthenticationProtocolOption.TryParse(option.Value, out var protocol):
                    PeerRequiredAuthentication = protocol;
                    break;
            }
        }
    }

    public void RequestAcknowledged()
    {
        LocalMagic = requestMagic ? magic : 0;
        LocalMru = requestMru ? mru : LcpSettings.DefaultMru;
        AgreedAuthentication = RequestedAuthentication;
        loopbackSuspicions = 0;
    }

    public NegotiationOutcome ApplyNak(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            switch ((LcpOptionType)option.Type)
            {
                case LcpOptionType.MaximumReceiveUnit when option.HasValueLength(2) && requestMru:
                    var suggested = option.ReadUInt16();
                    if (suggested is >= LcpSettings.MinimumMru and <= LcpSettings.DefaultMru)
                    {
                        mru = suggested;
                    }
                    else
                    {
                        requestMru = false;
                    }

                    break;
                case LcpOptionType.AuthenticationProtocol when RequestedAuthentication is not null:
                    var outcome = ApplyAuthenticationNak(option.Value);
                    if (outcome.Failed)
                    {
                        return outcome;
                    }

                    break;
                case LcpOptionType.MagicNumber when option.HasValueLength(4) && requestMagic:
                    // RFC 1661 section 6.4: a Nak carrying the number we last put in a Nak makes a
                    // looped-back link likelier; either way we pick a new number.
                    var naked = option.ReadUInt32();
                    if (naked == lastNakedMagic && lastNakedMagic != 0 && ++loopbackSuspicions >= negotiation.MaxFailure)
                    {
                        return NegotiationOutcome.Fail(PppCloseReason.LoopbackDetected, "the link is looped back (our Magic-Number keeps returning)");
                    }

                    magic = NewMagic(naked);
                    break;
            }
        }

        return NegotiationOutcome.Continue;
    }

    public NegotiationOutcome ApplyReject(ReadOnlySpan<byte> options)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            switch ((LcpOptionType)option.Type)
            {
                case LcpOptionType.MaximumReceiveUnit:
                    requestMru = false;
                    break;
                case LcpOptionType.AuthenticationProtocol:
                    return NegotiationOutcome.Fail(PppCloseReason.AuthenticationProtocolRefused, "the peer refused to authenticate");
                case LcpOptionType.MagicNumber:
                    requestMagic = false;
                    break;
                case LcpOptionType.ProtocolFieldCompression:
                    requestPfc = false;
                    break;
                case LcpOptionType.AddressControlFieldCompression:
                    requestAcfc = false;
                    break;
            }
        }

        return NegotiationOutcome.Continue;
    }

    private PppAuthenticationProtocol? RequestedAuthentication =>
        role == PppRole.Server && authenticationIndex < authenticationProtocols.Count ? authenticationProtocols[authenticationIndex] : null;

    private void ReviewAuthenticationRequest(PppOption option, ConfigureReview review, Span<byte> suggestion)
    {
        if (authenticationProtocols.Count == 0)
        {
            review.Reject(option);
            return;
        }

        if (AuthenticationProtocolOption.TryParse(option.Value, out var requested) && Allows(requested))
        {
            return;
        }

        var length = AuthenticationProtocolOption.Encode(authenticationProtocols[0], suggestion);
        review.Nak(option, suggestion[..length]);
    }

    private NegotiationOutcome ApplyAuthenticationNak(ReadOnlySpan<byte> value)
    {
        refusedProtocols.Add(authenticationProtocols[authenticationIndex]);
        if (AuthenticationProtocolOption.TryParse(value, out var suggested) && Allows(suggested) && !refusedProtocols.Contains(suggested))
        {
            authenticationIndex = IndexOf(suggested);
            return NegotiationOutcome.Continue;
        }

        for (var i = 0; i < authenticationProtocols.Count; i++)
        {
            if (!refusedProtocols.Contains(authenticationProtocols[i]))
            {
                authenticationIndex = i;
                return NegotiationOutcome.Continue;
            }
        }

        return NegotiationOutcome.Fail(PppCloseReason.AuthenticationProtocolRefused, "the peer accepts none of the authentication protocols allowed");
    }

    private bool Allows(PppAuthenticationProtocol protocol) => IndexOf(protocol) >= 0;

    private int IndexOf(PppAuthenticationProtocol protocol)
    {
        for (var i = 0; i < authenticationProtocols.Count; i++)
        {
            if (authenticationProtocols[i] == protocol)
            {
                return i;
            }
        }

        return -1;
    }

    private uint NewMagic(uint differentFrom)
    {
        // A few draws always suffice with a real random source; the bound keeps a broken one
        // (or a test's fixed one) from spinning forever.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var value = context.NextRandomUInt32();
            if (value != 0 && value != differentFrom)
            {
                return value;
            }
        }

        return differentFrom == uint.MaxValue ? 1 : differentFrom + 1;
    }
}
