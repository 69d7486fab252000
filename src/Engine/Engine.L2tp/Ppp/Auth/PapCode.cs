namespace Engine.L2tp.Ppp.Auth;

/// <summary>PAP packet codes (RFC 1334 section 2.2).</summary>
public enum PapCode : byte
{
    AuthenticateRequest = 1,
    AuthenticateAck = 2,
    AuthenticateNak = 3,
}
