namespace Engine.L2tp.Ppp.Auth;

/// <summary>Where an authenticator or peer reports the outcome; the session moves phases on it.</summary>
internal interface IAuthenticationObserver
{
    void AuthenticationSucceeded(string userName, PppAuthenticationProtocol protocol);

    /// <param name="final">False when the authenticator allows another attempt.</param>
    void AuthenticationFailed(string? userName, PppAuthenticationProtocol protocol, AuthenticationFailureReason reason, bool final);
}
