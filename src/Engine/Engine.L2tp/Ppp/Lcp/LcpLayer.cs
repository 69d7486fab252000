using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Lcp;

/// <summary>
/// LCP: the shared automaton with <see cref="LcpNegotiator"/>, plus the codes only LCP has
/// (RFC 1661 sections 5.7 to 5.9): Protocol-Reject in both directions, Echo-Request/Reply with the
/// keepalive, Discard-Request, and RFC 1570's Identification and Time-Remaining.
/// </summary>
internal sealed class LcpLayer : IExtendedCodeHandler, IDisposable
{
    private readonly PppContext context;
    private readonly Action<ushort> onProtocolRejected;

    public LcpLayer(
        PppContext context,
        LcpSettings settings,
        NegotiationSettings negotiation,
        PppRole role,
        IReadOnlyList<PppAuthenticationProtocol> authenticationProtocols,
        ILayerEvents events,
        Action<ushort> onProtocolRejected,
        Action onKeepaliveFailed)
    {
        this.context = context;
        this.onProtocolRejected = onProtocolRejected;
        Negotiator = new LcpNegotiator(context, settings, negotiation, role, authenticationProtocols);
        Automaton = new NegotiationAutomaton(context, (ushort)PppProtocol.Lcp, "LCP", Negotiator, events, negotiation, this);
        Keepalive = new LcpKeepalive(context, Automaton, settings, () => Negotiator.LocalMagic, onKeepaliveFailed);
    }

    public NegotiationAutomaton Automaton { get; }

    public LcpNegotiator Negotiator { get; }

    public LcpKeepalive Keepalive { get; }

    public ExtendedCodeResult HandleCode(PppControlPacket packet, AutomatonState state)
    {
        switch ((PppControlCode)packet.Code)
        {
            case PppControlCode.ProtocolReject:
                // RFC 1661 section 5.7: only meaningful in Opened; elsewhere silently discarded.
                if (state != AutomatonState.Opened || packet.Data.Length < 2)
                {
                    return ExtendedCodeResult.Handled;
                }

                var rejected = BinaryPrimitives.ReadUInt16BigEndian(packet.Data);
                if (rejected == (ushort)PppProtocol.Lcp)
                {
                    return ExtendedCodeResult.Catastrophic;
                }

                onProtocolRejected(rejected);
                return ExtendedCodeResult.Handled;
            case PppControlCode.EchoRequest:
                if (state == AutomatonState.Opened && packet.Data.Length >= 4)
                {
                    var magic = BinaryPrimitives.ReadUInt32BigEndian(packet.Data);
                    if (Negotiator.LocalMagic == 0 || magic != Negotiator.LocalMagic)
                    {
                        SendEchoReply(packet);
                    }
                }

                return ExtendedCodeResult.Handled;
            case PppControlCode.EchoReply:
                if (state == AutomatonState.Opened && packet.Data.Length >= 4)
                {
                    Keepalive.ReplyReceived(BinaryPrimitives.ReadUInt32BigEndian(packet.Data));
                }

                return ExtendedCodeResult.Handled;
            case PppControlCode.DiscardRequest:
            case PppControlCode.Identification:
            case PppControlCode.TimeRemaining:
                // Discard-Request is meant to be dropped; Identification and Time-Remaining
                // (RFC 1570) are informational, and pppd likewise accepts them silently rather than
                // Code-Rejecting a Windows client's Identification.
                return ExtendedCodeResult.Handled;
            default:
                return ExtendedCodeResult.Unknown;
        }
    }

    public void CodeRejected(byte code)
    {
        if (code == (byte)PppControlCode.EchoRequest)
        {
            Keepalive.PeerRejectedEcho();
        }
    }

    /// <summary>
    /// Protocol-Reject for a frame of a protocol we do not run (RFC 1661 section 5.7): only when
    /// LCP is open, echoing as much of the frame's information field as the peer's MRU allows.
    /// </summary>
    public void SendProtocolReject(ushort protocol, ReadOnlySpan<byte> information)
    {
        if (Automaton.State != AutomatonState.Opened)
        {
            return;
        }

        var length = Math.Min(information.Length, Math.Max(0, context.PeerMru - PppControlPacket.HeaderSize - 2));
        var data = new byte[2 + length];
        BinaryPrimitives.WriteUInt16BigEndian(data, protocol);
        information[..length].CopyTo(data.AsSpan(2));
        Automaton.SendPacket((byte)PppControlCode.ProtocolReject, Automaton.NextIdentifier(), data);
    }

    public void Dispose()
    {
        Keepalive.Dispose();
        Automaton.Dispose();
    }

    // ser: the reply carries the request's identifier and data with our Magic-Number in front.
    private void SendEchoReply(PppControlPacket request)
    {
        var data = request.Data.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(data, Negotiator.LocalMagic);
        Automaton.SendPacket((byte)PppControlCode.EchoReply, request.Identifier, data);
    }
}
