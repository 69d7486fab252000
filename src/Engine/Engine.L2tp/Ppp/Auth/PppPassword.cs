using System;
using System.Security.Cryptography;
using System.Text;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// A user's password as PPP authentication needs it in clear (CHAP and MS-CHAPv2 hash it with the
/// challenge). It never prints: <see cref="ToString"/> is a mask, and no event, exception or log
/// of this stack carries it. Dispose clears the copy.
/// </summary>
public sealed class PppPassword : IDisposable
{
    private readonly char[] characters;

    public PppPassword(ReadOnlySpan<char> password)
    {
        characters = password.ToArray();
    }

    /// <summary>UTF-16 characters, as MS-CHAPv2's NtPasswordHash takes them.</summary>
    internal ReadOnlySpan<char> Characters => characters;

    public static PppPassword FromString(string password) => new(password.AsSpan());

    /// <summary>The secret bytes PAP and CHAP-MD5 use (UTF-8). The caller clears the array when done.</summary>
    internal byte[] ToUtf8() => Encoding.UTF8.GetBytes(characters);

    /// <summary>UTF-16LE bytes (RFC 2759 section 8.3 "Unicode"). The caller clears the array when done.</summary>
    internal byte[] ToUnicode() => Encoding.Unicode.GetBytes(characters);

    public override string ToString() => "********";

    public void Dispose() => CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(characters.AsSpan()));
}
