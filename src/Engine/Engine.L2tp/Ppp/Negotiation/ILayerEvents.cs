namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>The four layer actions of RFC 1661 section 4.4 (tlu, tld, tls, tlf), delivered to the session.</summary>
internal interface ILayerEvents
{
    void ThisLayerUp(NegotiationAutomaton layer);

    void ThisLayerDown(NegotiationAutomaton layer);

    void ThisLayerStarted(NegotiationAutomaton layer);

    void ThisLayerFinished(NegotiationAutomaton layer, LayerFinishCause cause);
}
