namespace Engine.L2tp.Ppp.Auth;

/// <summary>CHAP packet codes (RFC 1994 section 4), shared by MS-CHAPv2 (RFC 2759 section 3).</summary>
public enum ChapCode : byte
{
    Challenge = 1,
    Response = 2,
    Success = 3,
    Failure = 4,

    /// <summary>MS-CHAPv2 Change-Password (RFC 2759 section 7); not supported, ignored.</summary>
    ChangePassword = 7,
}
