using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>LCP's codes 8 to 11 (Protocol-Reject, Echo-Request/Reply, Discard-Request) plugged into the shared automaton.</summary>
internal interface IExtendedCodeHandler
{
    ExtendedCodeResult HandleCode(PppControlPacket packet, AutomatonState state);

    /// <summary>The peer Code-Rejected one of our extended codes (RXJ+): stop sending it.</summary>
    void CodeRejected(byte code);
}
