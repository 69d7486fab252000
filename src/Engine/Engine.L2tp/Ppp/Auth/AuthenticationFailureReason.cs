namespace Engine.L2tp.Ppp.Auth;

/// <summary>Why an authentication attempt failed (the reason in audit events; never the password).</summary>
public enum AuthenticationFailureReason
{
    /// <summary>The user lookup does not know the name.</summary>
    UnknownUser,

    /// <summary>The name is known but the proof does not match its password.</summary>
    WrongPassword,

    /// <summary>The two sides share no authentication protocol (LCP).</summary>
    ProtocolRefused,

    /// <summary>The peer did not complete the exchange in time.</summary>
    Timeout,

    /// <summary>The peer's packet could not be read (wrong sizes for the protocol).</summary>
    MalformedResponse,

    /// <summary>Client side: the server sent Failure or Authenticate-Nak.</summary>
    RejectedByServer,

    /// <summary>Client side: the MS-CHAPv2 authenticator response (S=) was missing or wrong, so the server did not prove it knows the password.</summary>
    ServerNotAuthenticated,
}
