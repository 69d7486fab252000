namespace Engine.Crypto.KeyExchange;

/// <summary>
/// A faster implementation of the RFC 5903 ECP groups (19, 20, 21) than Engine.Crypto's own (.NET's
/// ECDiffieHellman, which builds a key object for every peer value), registered by the host with
/// <see cref="Registry.KeyExchanges.UseEcpProvider"/>: the engine host on Linux registers one over
/// OpenSSL's libcrypto point arithmetic from Engine.Platform.Linux. The key pairs it creates must
/// speak <see cref="IKeyExchange"/>'s encodings (x || y, the x coordinate as the secret) and refuse
/// the same peer values (RFC 6989 section 2.3: wrong length, coordinates out of range, off the curve).
/// </summary>
/// <remarks>Called from any thread: implementations must be thread-safe.</remarks>
public interface IEcpKeyExchangeProvider
{
    /// <summary>What the provider is, for logs and reports.</summary>
    string Name { get; }

    /// <summary>A fresh ephemeral key pair in <paramref name="group"/>; null when this provider does not serve it (the managed one then does).</summary>
    IKeyExchange? Create(DiffieHellmanGroup group);
}
