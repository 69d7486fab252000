using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Math;

namespace IpSecPolicy.Benchmarks.KeyExchange;

/// <summary>
/// MODP group 14 with a full-length private exponent against the short one the engine draws
/// (320 bits, RFC 3526 section 8). Engine.Crypto does not expose the exponent length (it is
/// fixed per group, and the constructor that takes an exponent is internal to its tests), so
/// this is the same BouncyCastle arithmetic the engine's ModpKeyExchange runs, called directly:
/// two exponentiations (g^x, then y^x), as one side of an exchange costs.
/// </summary>
public class ModpExponentBenchmarks
{
    private static readonly BigInteger Prime = DHStandardGroups.rfc3526_2048.P;
    private static readonly BigInteger Generator = DHStandardGroups.rfc3526_2048.G;

    private BigInteger peer = BigInteger.Two;
    private BigInteger fullExponent = BigInteger.One;
    private BigInteger shortExponent = BigInteger.One;

    [GlobalSetup]
    public void Setup()
    {
        peer = Generator.ModPow(Exponent(2047), Prime);
        fullExponent = Exponent(2047);
        shortExponent = Exponent(320);
    }

    [Benchmark(Description = "MODP-2048 BouncyCastle, 2047-bit exponent")]
    public BigInteger FullExponent() => Exchange(fullExponent);

    [Benchmark(Description = "MODP-2048 BouncyCastle, 320-bit exponent")]
    public BigInteger ShortExponent() => Exchange(shortExponent);

    private BigInteger Exchange(BigInteger exponent)
    {
        var ours = Generator.ModPow(exponent, Prime);
        return ours.Add(peer.ModPow(exponent, Prime));
    }

    /// <summary>A random exponent of exactly <paramref name="bits"/> bits (top bit set; below p for 2047).</summary>
    private static BigInteger Exponent(int bits)
    {
        var random = RandomNumberGenerator.GetBytes((bits + 7) / 8);
        return new BigInteger(1, random).ShiftRight(random.Length * 8 - bits).SetBit(bits - 1);
    }
}
