namespace Engine.Crypto.KeyExchange;

/// <summary>
/// A faster implementation of the MODP groups than Engine.Crypto's own (BouncyCastle), registered
/// by the host with <see cref="Registry.KeyExchanges.UseModpProvider"/>: the engine host on Linux
/// registers one over OpenSSL's libcrypto from Engine.Platform.Linux, which is the only project
/// allowed P/Invoke. The key pairs it creates must speak <see cref="IKeyExchange"/>'s encodings and
/// refuse the same peer values (1 &lt; y &lt; p-1, exact length).
/// </summary>
/// <remarks>Called from any thread: implementations must be thread-safe.</remarks>
public interface IModpKeyExchangeProvider
{
    /// <summary>What the provider is, for logs and reports (e.g. "OpenSSL libcrypto 3.0.17").</summary>
    string Name { get; }

    /// <summary>
    /// A fresh ephemeral key pair in <paramref name="parameters"/>' group, with a private exponent
    /// of <see cref="ModpParameters.PrivateExponentBits"/>; null when this provider does not serve
    /// that group, and the registry then falls back to the managed implementation.
    /// </summary>
    IKeyExchange? Create(ModpParameters parameters);
}
