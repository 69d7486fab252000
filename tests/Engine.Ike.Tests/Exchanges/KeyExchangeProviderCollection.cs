namespace Engine.Ike.Tests.Exchanges;

/// <summary>
/// Tests that switch the process-wide ECP key exchange provider (Engine.Crypto's KeyExchanges) run
/// alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KeyExchangeProviderCollection
{
    public const string Name = "key exchange provider";
}
