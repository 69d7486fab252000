namespace IpSecPolicy.Model.Objects;

/// <summary>
/// Which peers behind NAT we set up SAs with, after Windows' AssumeUDPEncapsulationContextOnSendRule:
/// None (0, Windows' default): no SAs with a server that is behind NAT;
/// Server (1) also with servers behind NAT; Both (2) when both sides are behind NAT.
/// </summary>
public enum NatTraversalMode
{
    None = 0,
    Server = 1,
    Both = 2,
}
