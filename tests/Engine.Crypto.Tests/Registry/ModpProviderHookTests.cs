using System.Collections.Generic;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.Registry;

/// <summary>These tests switch the process-wide MODP provider, so they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ModpProviderCollection
{
    public const string Name = "MODP provider";
}

/// <summary>KeyExchanges.UseModpProvider: a registered provider creates MODP key pairs; declined groups, ECP and X25519 stay managed; null restores the default.</summary>
[Collection(ModpProviderCollection.Name)]
public sealed class ModpProviderHookTests
{
    [Fact]
    public void Managed_is_the_default()
    {
        Assert.Equal(KeyExchanges.ManagedModpName, KeyExchanges.ModpImplementation);
        Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Modp2048, out var exchange));
        using (exchange)
        {
            Assert.IsType<ModpKeyExchange>(exchange);
        }
    }

    [Fact]
    public void A_registered_provider_creates_the_groups_it_serves_and_only_those()
    {
        var provider = new RecordingProvider(serves: DiffieHellmanGroup.Modp2048);
        try
        {
            KeyExchanges.UseModpProvider(provider);
            Assert.Equal("recording", KeyExchanges.ModpImplementation);

            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Modp2048, out var served));
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Modp1024, out var declined));
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Ecp256, out var ecp));
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Curve25519, out var x25519));
            using (served)
            using (declined)
            using (ecp)
            using (x25519)
            {
                Assert.IsType<ProvidedKeyExchange>(served);
                Assert.IsType<ModpKeyExchange>(declined);
                Assert.IsNotType<ProvidedKeyExchange>(ecp);
                Assert.IsNotType<ProvidedKeyExchange>(x25519);
            }

            // The provider sees Engine.Crypto's parameters of each MODP group asked for, ECP never.
            Assert.Equal([DiffieHellmanGroup.Modp2048, DiffieHellmanGroup.Modp1024], provider.Asked);
            Assert.Equal(256, provider.LastParameters!.PrivateExponentBits); // group 2, asked last
        }
        finally
        {
            KeyExchanges.UseModpProvider(null);
        }

        Assert.Equal(KeyExchanges.ManagedModpName, KeyExchanges.ModpImplementation);
        Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Modp2048, out var after));
        using (after)
        {
            Assert.IsType<ModpKeyExchange>(after);
        }
    }

    [Theory]
    [InlineData(DiffieHellmanGroup.Modp768, 96, 256)]
    [InlineData(DiffieHellmanGroup.Modp1024, 128, 256)]
    [InlineData(DiffieHellmanGroup.Modp1536, 192, 256)]
    [InlineData(DiffieHellmanGroup.Modp2048, 256, 320)]
    [InlineData(DiffieHellmanGroup.Modp3072, 384, 420)]
    [InlineData(DiffieHellmanGroup.Modp4096, 512, 480)]
    public void Parameters_describe_the_managed_groups(DiffieHellmanGroup group, int size, int exponentBits)
    {
        Assert.True(ModpParameters.TryGet(group, out var parameters));
        Assert.Equal(group, parameters.Group);
        Assert.Equal(size, parameters.Size);
        Assert.Equal(size, parameters.Prime.Length);
        Assert.Equal(0xFF, parameters.Prime[0]);
        Assert.Equal(0xFF, parameters.Prime[^1]);
        Assert.Equal(2, parameters.Generator);
        Assert.Equal(exponentBits, parameters.PrivateExponentBits);
    }

    [Theory]
    [InlineData(DiffieHellmanGroup.Ecp256)]
    [InlineData(DiffieHellmanGroup.Curve25519)]
    [InlineData((DiffieHellmanGroup)17)]
    public void Parameters_exist_only_for_modp_groups(DiffieHellmanGroup group) =>
        Assert.False(ModpParameters.TryGet(group, out _));

    /// <summary>Serves one group by wrapping the managed implementation, and records what it was asked for.</summary>
    private sealed class RecordingProvider(DiffieHellmanGroup serves) : IModpKeyExchangeProvider
    {
        public string Name => "recording";

        public List<DiffieHellmanGroup> Asked { get; } = [];

        public ModpParameters? LastParameters { get; private set; }

        public IKeyExchange? Create(ModpParameters parameters)
        {
            Asked.Add(parameters.Group);
            LastParameters = parameters;
            return parameters.Group == serves ? new ProvidedKeyExchange(new ModpKeyExchange(ModpGroup.Modp2048)) : null;
        }
    }

    private sealed class ProvidedKeyExchange(IKeyExchange inner) : IKeyExchange
    {
        public DiffieHellmanGroup Group => inner.Group;

        public int PublicValueSize => inner.PublicValueSize;

        public int SharedSecretSize => inner.SharedSecretSize;

        public System.ReadOnlySpan<byte> PublicValue => inner.PublicValue;

        public bool TryDeriveSharedSecret(System.ReadOnlySpan<byte> peerPublicValue, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? sharedSecret) =>
            inner.TryDeriveSharedSecret(peerPublicValue, out sharedSecret);

        public void Dispose() => inner.Dispose();
    }
}
