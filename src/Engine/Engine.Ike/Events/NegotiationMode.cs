namespace Engine.Ike.Events;

public enum NegotiationMode
{
    /// <summary>Key exchange mode: the ISAKMP SA.</summary>
    MainMode,

    /// <summary>Data protection mode: the IPsec SAs.</summary>
    QuickMode,
}
