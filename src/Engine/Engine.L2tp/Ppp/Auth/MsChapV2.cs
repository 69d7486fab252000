using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// The MS-CHAPv2 routines of RFC 2759 section 8, named as there. Checked against the section 9.2
/// example (user "User", password "clientPass") in the tests.
/// </summary>
public static class MsChapV2
{
    public const int ChallengeSize = 16;
    public const int NtResponseSize = 24;
    public const int PasswordHashSize = 16;

    // RFC 2759 section 8.7.
    private static readonly byte[] Magic1 = Encoding.ASCII.GetBytes("Magic server to client signing constant");
    private static readonly byte[] Magic2 = Encoding.ASCII.GetBytes("Pad to make it do more than one iteration");

    /// <summary>Section 8.2: the first 8 bytes of SHA1(PeerChallenge | AuthenticatorChallenge | UserName).</summary>
    public static byte[] ChallengeHash(ReadOnlySpan<byte> peerChallenge, ReadOnlySpan<byte> authenticatorChallenge, string userName)
    {
        // "Only the user name (as presented by the peer and excluding any prepended domain name)".
        var name = Encoding.UTF8.GetBytes(StripDomain(userName));
        var input = new byte[peerChallenge.Length + authenticatorChallenge.Length + name.Length];
        peerChallenge.CopyTo(input);
        authenticatorChallenge.CopyTo(input.AsSpan(peerChallenge.Length));
        name.CopyTo(input.AsSpan(peerChallenge.Length + authenticatorChallenge.Length));
        return SHA1.HashData(input)[..8];
    }

    /// <summary>Section 8.3: MD4 of the password in UTF-16LE.</summary>
    public static byte[] NtPasswordHash(PppPassword password)
    {
        var unicode = password.ToUnicode();
        try
        {
            return Md4.Hash(unicode);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unicode);
        }
    }

    /// <summary>Section 8.4: MD4 of the password hash.</summary>
    public static byte[] HashNtPasswordHash(ReadOnlySpan<byte> passwordHash) => Md4.Hash(passwordHash);

    /// <summary>Section 8.5: three DES encryptions of the challenge with the zero-padded password hash as keys.</summary>
    public static byte[] ChallengeResponse(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> passwordHash)
    {
        Span<byte> zeroPadded = stackalloc byte[21];
        zeroPadded.Clear();
        passwordHash[..PasswordHashSize].CopyTo(zeroPadded);
        var response = new byte[NtResponseSize];
        DesEncrypt(challenge[..8], zeroPadded[..7], response.AsSpan(0, 8));
        DesEncrypt(challenge[..8], zeroPadded[7..14], response.AsSpan(8, 8));
        DesEncrypt(challenge[..8], zeroPadded[14..21], response.AsSpan(16, 8));
        CryptographicOperations.ZeroMemory(zeroPadded);
        return response;
    }

    /// <summary>Section 8.1: the 24-byte NT-Response the peer sends.</summary>
    public static byte[] GenerateNtResponse(ReadOnlySpan<byte> authenticatorChallenge, ReadOnlySpan<byte> peerChallenge, string userName, PppPassword password)
    {
        var challenge = ChallengeHash(peerChallenge, authenticatorChallenge, userName);
        var passwordHash = NtPasswordHash(password);
        try
        {
            return ChallengeResponse(challenge, passwordHash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordHash);
        }
    }

    /// <summary>Section 8.7: the "S=" followed by 40 uppercase hex digits the authenticator returns in Success.</summary>
    public static string GenerateAuthenticatorResponse(
        PppPassword password,
        ReadOnlySpan<byte> ntResponse,
        ReadOnlySpan<byte> peerChallenge,
        ReadOnlySpan<byte> authenticatorChallenge,
        string userName)
    {
        var passwordHash = NtPasswordHash(password);
        var passwordHashHash = HashNtPasswordHash(passwordHash);
        CryptographicOperations.ZeroMemory(passwordHash);

        var first = new byte[PasswordHashSize + NtResponseSize + Magic1.Length];
        passwordHashHash.CopyTo(first, 0);
        ntResponse[..NtResponseSize].CopyTo(first.AsSpan(PasswordHashSize));
        Magic1.CopyTo(first, PasswordHashSize + NtResponseSize);
        var digest = SHA1.HashData(first);
        CryptographicOperations.ZeroMemory(passwordHashHash);

        var challenge = ChallengeHash(peerChallenge, authenticatorChallenge, userName);
        var second = new byte[digest.Length + challenge.Length + Magic2.Length];
        digest.CopyTo(second, 0);
        challenge.CopyTo(second, digest.Length);
        Magic2.CopyTo(second, digest.Length + challenge.Length);
        return "S=" + Convert.ToHexString(SHA1.HashData(second));
    }

    /// <summary>Section 8.8: does the authenticator's "S=..." match what we expect (compared in constant time)?</summary>
    public static bool CheckAuthenticatorResponse(string expected, ReadOnlySpan<char> received)
    {
        if (received.Length < expected.Length)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[expected.Length];
        Span<byte> b = stackalloc byte[expected.Length];
        Encoding.ASCII.GetBytes(expected, a);
        Encoding.ASCII.GetBytes(received[..expected.Length], b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>"DOMAIN\user" becomes "user"; RFC 2759 hashes the bare user name.</summary>
    public static string StripDomain(string userName)
    {
        var separator = userName.LastIndexOf('\\');
        return separator < 0 ? userName : userName[(separator + 1)..];
    }

    /// <summary>
    /// Section 8.6: DES-ECB of one block with a 7-byte key spread over the 8 bytes DES takes (the
    /// low bit of each is parity, which DES ignores). BouncyCastle's engine is used directly
    /// because .NET's DES refuses weak keys, and a password hash may well produce one.
    /// </summary>
    private static void DesEncrypt(ReadOnlySpan<byte> clear, ReadOnlySpan<byte> key7, Span<byte> cypher)
    {
        var key = new byte[8];
        key[0] = key7[0];
        key[1] = (byte)((key7[0] << 7) | (key7[1] >> 1));
        key[2] = (byte)((key7[1] << 6) | (key7[2] >> 2));
        key[3] = (byte)((key7[2] << 5) | (key7[3] >> 3));
        key[4] = (byte)((key7[3] << 4) | (key7[4] >> 4));
        key[5] = (byte)((key7[4] << 3) | (key7[5] >> 5));
        key[6] = (byte)((key7[5] << 2) | (key7[6] >> 6));
        key[7] = (byte)(key7[6] << 1);
        var engine = new DesEngine();
        engine.Init(true, new KeyParameter(key));
        engine.ProcessBlock(clear, cypher);
        CryptographicOperations.ZeroMemory(key);
    }
}
