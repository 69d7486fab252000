using System;
using System.Security.Cryptography;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp;

/// <summary>
/// Tunnel authentication (RFC 2661 sections 4.4.3 and 5.1.1): a peer that sent a Challenge AVP
/// expects a Challenge Response computed as CHAP does (RFC 1994), MD5 over the identifier, the
/// shared secret and the challenge, where the identifier is the Message Type of the message that
/// carries the response: 2 in an SCCRP, 3 in an SCCCN. That difference keeps a response from one
/// direction from being replayed in the other (xl2tpd sets the same identifiers).
/// </summary>
public static class TunnelAuthentication
{
    public const int ResponseLength = 16;

    public static byte[] ComputeResponse(ControlMessageType carriedIn, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> challenge)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData([(byte)carriedIn]);
        md5.AppendData(secret);
        md5.AppendData(challenge);
        return md5.GetHashAndReset();
    }

    /// <summary>Checks a received response in constant time.</summary>
    public static bool Verify(ControlMessageType carriedIn, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> response)
    {
        var expected = ComputeResponse(carriedIn, secret, challenge);
        return response.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, response);
    }
}
