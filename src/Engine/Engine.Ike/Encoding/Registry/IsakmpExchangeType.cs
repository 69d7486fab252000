namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// ISAKMP exchange types: RFC 2408 section 3.1 (1-5), RFC 2409 section 9.1 (Quick Mode 32,
/// New Group Mode 33) and draft-dukes-ike-mode-cfg (Transaction 6, used by XAUTH and Mode Config).
/// </summary>
public enum IsakmpExchangeType : byte
{
    None = 0,
    Base = 1,
    /// <summary>Identity Protection, which RFC 2409 calls Main Mode.</summary>
    MainMode = 2,
    AuthenticationOnly = 3,
    /// <summary>RFC 2409 Aggressive Mode.</summary>
    Aggressive = 4,
    Informational = 5,
    Transaction = 6,
    QuickMode = 32,
    NewGroupMode = 33,
}
