namespace Engine.L2tp.Ppp;

/// <summary>Which end of the link this session is.</summary>
public enum PppRole
{
    /// <summary>The gateway (LNS): authenticates the peer and assigns its addresses.</summary>
    Server,

    /// <summary>The remote-access client (LAC side): authenticates itself and takes the addresses it is given.</summary>
    Client,
}
