using System;
using System.Security.Cryptography;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>CHAP with MD5 (RFC 1994 section 4.1): Response = MD5(Identifier | secret | Challenge).</summary>
public static class ChapMd5
{
    public const int ResponseSize = 16;

    public static byte[] ComputeResponse(byte identifier, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> challenge)
    {
        var input = new byte[1 + secret.Length + challenge.Length];
        input[0] = identifier;
        secret.CopyTo(input.AsSpan(1));
        challenge.CopyTo(input.AsSpan(1 + secret.Length));
        var response = MD5.HashData(input);
        CryptographicOperations.ZeroMemory(input);
        return response;
    }

    public static byte[] ComputeResponse(byte identifier, PppPassword password, ReadOnlySpan<byte> challenge)
    {
        var secret = password.ToUtf8();
        try
        {
            return ComputeResponse(identifier, secret, challenge);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
