using System;
using System.Collections.Generic;
using System.Linq;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;
using Engine.Platform.Linux.Crypto;

namespace Engine.Platform.Linux.Tests.Crypto;

/// <summary>
/// The libcrypto ECP key exchange: the RFC 5903 section 8 vectors, agreement with Engine.Crypto's
/// .NET implementation in both directions, RFC 6989 section 2.3 refusals of unsafe peer values, and
/// native memory freed on Dispose.
/// </summary>
[Collection(LibCryptoCollection.Name)]
public sealed class LibCryptoEcpKeyExchangeTests
{
    /// <summary>RFC 5903 section 8: group, i, g^i (x || y), r, g^r, the x coordinate of g^ir.</summary>
    public static TheoryData<string, DiffieHellmanGroup, string, string, string, string, string> Vectors => new()
    {
        {
            "RFC 5903 8.1", DiffieHellmanGroup.Ecp256,
            "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
            "DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180 5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
            "C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
            "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63 56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
            "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"
        },
        {
            "RFC 5903 8.2", DiffieHellmanGroup.Ecp384,
            "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655 E35B5380 41E649EE 3FAEF896 783AB194",
            "667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6 DE3AC808 ACB4BDB4 C88732AE E95F41AA" +
            "9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E EB9FCFF3 C2C947DA E69B4C63 4573A81C",
            "41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942 E0308312 916B8ED2 960E4BD5 5A7448FC",
            "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D 0D1AC43A 0336DEF9 6FDA41D0 774A3571" +
            "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF F83FA401 42209DFF 5EAAD96D B9E6386C",
            "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4 D6031355 69B9E9D0 9CF5D4A2 70F59746"
        },
        {
            "RFC 5903 8.3", DiffieHellmanGroup.Ecp521,
            "0037ADE9 319A89F4 DABDB3EF 411AACCC A5123C61 ACAB57B5 393DCE47 608172A0 95AA85A3 0FE1C295 2C6771D9 37BA9777 F5957B26 39BAB072 462F68C2 7A57382D 4A52",
            "0015417E 84DBF28C 0AD3C278 713349DC 7DF153C8 97A1891B D98BAB43 57C9ECBE E1E3BF42 E00B8E38 0AEAE57C 2D107564 94188594 2AF5A7F4 601723C4 195D176C ED3E" +
            "017CAE20 B6641D2E EB695786 D8C94614 6239D099 E18E1D5A 514C739D 7CB4A10A D8A78801 5AC405D7 799DC75E 7B7D5B6C F2261A6A 7F150743 8BF01BEB 6CA3926F 9582",
            "0145BA99 A847AF43 793FDD0E 872E7CDF A16BE30F DC780F97 BCCC3F07 8380201E 9C677D60 0B343757 A3BDBF2A 3163E4C2 F869CCA7 458AA4A4 EFFC311F 5CB15168 5EB9",
            "00D0B397 5AC4B799 F5BEA16D 5E13E9AF 971D5E9B 984C9F39 728B5E57 39735A21 9B97C356 436ADC6E 95BB0352 F6BE64A6 C2912D4E F2D0433C ED2B6171 640012D9 460F" +
            "015C6822 6383956E 3BD066E7 97B623C2 7CE0EAC2 F551A10C 2C724D98 52077B87 220B6536 C5C408A1 D2AEBB8E 86D678AE 49CB5709 1F473229 6579AB44 FCD17F0F C56A",
            "01144C7D 79AE6956 BC8EDB8E 7C787C45 21CB086F A64407F9 7894E5E6 B2D79B04 D1427E73 CA4BAA24 0A347868 59810C06 B3C715A3 A8CC3151 F2BEE417 996D19F3 DDEA"
        },
    };

    public static TheoryData<DiffieHellmanGroup, int> Groups => new()
    {
        { DiffieHellmanGroup.Ecp256, 32 },
        { DiffieHellmanGroup.Ecp384, 48 },
        { DiffieHellmanGroup.Ecp521, 66 },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Both_sides_reach_the_published_values_and_secret(
        string source, DiffieHellmanGroup group, string i, string gi, string r, string gr, string girX)
    {
        var curve = LibCryptoEcpGroup.For(group);
        using var initiator = new LibCryptoEcpKeyExchange(curve, Bytes(i));
        using var responder = new LibCryptoEcpKeyExchange(curve, Bytes(r));

        Assert.True(Bytes(gi).AsSpan().SequenceEqual(initiator.PublicValue), source);
        Assert.True(Bytes(gr).AsSpan().SequenceEqual(responder.PublicValue), source);
        Assert.True(initiator.TryDeriveSharedSecret(responder.PublicValue, out var initiatorSecret), source);
        Assert.True(responder.TryDeriveSharedSecret(initiator.PublicValue, out var responderSecret), source);
        Assert.Equal(Bytes(girX), initiatorSecret);
        Assert.Equal(Bytes(girX), responderSecret);
        Assert.Equal(initiator.SharedSecretSize, initiatorSecret.Length);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reaches_the_published_secret_through_the_registry_with_the_provider(
        string source, DiffieHellmanGroup group, string i, string gi, string r, string gr, string girX)
    {
        _ = (r, girX);
        try
        {
            Assert.True(LibCryptoEcpProvider.TryRegister());
            Assert.True(KeyExchanges.TryCreate(group, out var fresh));
            using (fresh)
            {
                Assert.IsType<LibCryptoEcpKeyExchange>(fresh);
            }

            // The registry's key pair is random; the vector's responder key (i) derives with g^r.
            using var initiator = new LibCryptoEcpKeyExchange(LibCryptoEcpGroup.For(group), Bytes(i));
            Assert.True(Bytes(gi).AsSpan().SequenceEqual(initiator.PublicValue), source);
            Assert.True(initiator.TryDeriveSharedSecret(Bytes(gr), out var secret), source);
            Assert.Equal(Bytes(girX), secret);
        }
        finally
        {
            KeyExchanges.UseEcpProvider(null);
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Agrees_with_the_managed_implementation_both_ways(DiffieHellmanGroup group, int coordinateSize)
    {
        KeyExchanges.UseEcpProvider(null);
        Assert.True(KeyExchanges.TryCreate(group, out var managed));
        using (managed)
        using (var native = new LibCryptoEcpKeyExchange(LibCryptoEcpGroup.For(group)))
        {
            Assert.DoesNotContain("LibCrypto", managed.GetType().Name, StringComparison.Ordinal);
            Assert.Equal(group, native.Group);
            Assert.Equal(2 * coordinateSize, native.PublicValue.Length);
            Assert.Equal(2 * coordinateSize, native.PublicValueSize);
            Assert.Equal(coordinateSize, native.SharedSecretSize);

            Assert.True(native.TryDeriveSharedSecret(managed.PublicValue, out var nativeSecret));
            Assert.True(managed.TryDeriveSharedSecret(native.PublicValue, out var managedSecret));
            Assert.Equal(managedSecret, nativeSecret);
            Assert.Equal(coordinateSize, nativeSecret.Length);
        }
    }

    [Fact]
    public void Fresh_key_pairs_differ()
    {
        var curve = LibCryptoEcpGroup.For(DiffieHellmanGroup.Ecp256);
        using var a = new LibCryptoEcpKeyExchange(curve);
        using var b = new LibCryptoEcpKeyExchange(curve);

        Assert.False(a.PublicValue.SequenceEqual(b.PublicValue));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Refuses_points_off_the_curve_out_of_range_or_of_the_wrong_length(
        string source, DiffieHellmanGroup group, string i, string gi, string r, string gr, string girX)
    {
        _ = (r, gr, girX);
        var curve = LibCryptoEcpGroup.For(group);
        using var initiator = new LibCryptoEcpKeyExchange(curve, Bytes(i));
        var size = curve.CoordinateSize;
        var point = Bytes(gi);
        var offCurve = (byte[])point.Clone();
        offCurve[^1] ^= 0x01;

        // x = p (out of range: RFC 6989 section 2.3 wants 0 <= x, y <= p-1), with the point's own y.
        var prime = new byte[size];
        LibCryptoMath.ToBigEndianPadded(curve.FieldPrime, prime);
        byte[] xIsPrime = [.. prime, .. point.AsSpan(size)];

        Assert.False(initiator.TryDeriveSharedSecret(offCurve, out _), source);
        Assert.False(initiator.TryDeriveSharedSecret(xIsPrime, out _), source);
        Assert.False(initiator.TryDeriveSharedSecret(Enumerable.Repeat((byte)0xFF, 2 * size).ToArray(), out _), source);
        Assert.False(initiator.TryDeriveSharedSecret(new byte[initiator.PublicValueSize], out _), source);
        Assert.False(initiator.TryDeriveSharedSecret([0x04, .. point], out _), source);
        Assert.False(initiator.TryDeriveSharedSecret(point.AsSpan(0, size), out _), source);
        Assert.False(initiator.TryDeriveSharedSecret([], out _), source);
        Assert.True(initiator.TryDeriveSharedSecret(point, out _), source);
    }

    [Fact]
    public void Dispose_frees_every_native_object()
    {
        // The group's shared objects are made once and kept; make them before counting.
        var curve = LibCryptoEcpGroup.For(DiffieHellmanGroup.Ecp384);
        using (new LibCryptoEcpKeyExchange(curve))
        {
        }

        var before = LibCryptoAllocations.Live;
        var exchanges = new List<LibCryptoEcpKeyExchange>();
        for (var i = 0; i < 50; i++)
        {
            var a = new LibCryptoEcpKeyExchange(curve);
            var b = new LibCryptoEcpKeyExchange(curve);
            Assert.True(a.TryDeriveSharedSecret(b.PublicValue, out _));
            Assert.False(b.TryDeriveSharedSecret(new byte[b.PublicValueSize], out _));
            exchanges.Add(a);
            exchanges.Add(b);
        }

        Assert.Equal(before + (2 * exchanges.Count), LibCryptoAllocations.Live);
        foreach (var exchange in exchanges)
        {
            exchange.Dispose();
            exchange.Dispose();
            Assert.True(exchange.IsFreed);
        }

        Assert.Equal(before, LibCryptoAllocations.Live);
        Assert.Throws<ObjectDisposedException>(() => exchanges[0].TryDeriveSharedSecret(exchanges[1].PublicValue, out _));
    }

    [Fact]
    public void Provider_passes_its_self_test_and_serves_the_registry_until_withdrawn()
    {
        var provider = LibCryptoEcpProvider.TryCreate(out var failure);
        Assert.Null(failure);
        Assert.NotNull(provider);
        Assert.StartsWith("OpenSSL libcrypto (OpenSSL 3.", provider.Name, StringComparison.Ordinal);
        Assert.Null(provider.Create(DiffieHellmanGroup.Modp2048));

        try
        {
            Assert.True(LibCryptoEcpProvider.TryRegister());
            Assert.StartsWith("OpenSSL libcrypto", KeyExchanges.EcpImplementation, StringComparison.Ordinal);
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Ecp521, out var ecp));
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Curve25519, out var x25519));
            using (ecp)
            using (x25519)
            {
                Assert.IsType<LibCryptoEcpKeyExchange>(ecp);
                Assert.IsNotType<LibCryptoEcpKeyExchange>(x25519);
            }
        }
        finally
        {
            KeyExchanges.UseEcpProvider(null);
        }

        Assert.Equal(KeyExchanges.ManagedEcpName, KeyExchanges.EcpImplementation);
        Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Ecp256, out var managed));
        using (managed)
        {
            Assert.IsNotType<LibCryptoEcpKeyExchange>(managed);
        }
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));
}
