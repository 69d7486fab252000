namespace Engine.Platform.Linux.Tests.Crypto;

/// <summary>
/// The libcrypto tests count live native objects and switch the process-wide MODP provider, so they
/// run alone, after the parallel tests, never beside one another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibCryptoCollection
{
    public const string Name = "libcrypto";
}
