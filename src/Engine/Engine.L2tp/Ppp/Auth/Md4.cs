using System;
using Org.BouncyCastle.Crypto.Digests;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// MD4 (RFC 1320), which .NET does not ship and MS-CHAPv2's NtPasswordHash needs. BouncyCastle's
/// digest does the work (the engine already depends on BouncyCastle through Engine.Crypto).
/// </summary>
internal static class Md4
{
    public const int HashSize = 16;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var digest = new MD4Digest();
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }
}
