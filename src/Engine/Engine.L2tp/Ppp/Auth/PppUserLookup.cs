namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// Finds the password of a user for the authenticator; null means "unknown user". The name has
/// any "DOMAIN\" prefix removed. Called under the session lock, so it must answer from memory
/// (the gateway's user store), not from the network.
/// </summary>
public delegate PppPassword? PppUserLookup(string userName);
