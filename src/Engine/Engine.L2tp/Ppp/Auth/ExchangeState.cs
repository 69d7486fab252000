namespace Engine.L2tp.Ppp.Auth;

/// <summary>Where an authentication exchange stands.</summary>
internal enum ExchangeState
{
    Idle,

    /// <summary>Waiting for the other side (request, challenge, response or result).</summary>
    Waiting,

    /// <summary>Authenticator: Failure sent with a retry allowed; waiting for the retried response.</summary>
    AwaitingRetry,

    Succeeded,
    Failed,
    Stopped,
}
