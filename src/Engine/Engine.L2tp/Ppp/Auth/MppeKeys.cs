using System;
using System.Security.Cryptography;
using System.Text;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// MPPE key derivation from MS-CHAPv2 (RFC 3079 section 3.4). L2TP/IPsec does not use MPPE (IPsec
/// already encrypts), but these keys are also what RADIUS MS-MPPE-Send/Recv-Key and EAP-MSCHAPv2
/// export, so they are kept here with their RFC 3079 section 3.5.3 vectors.
/// </summary>
public static class MppeKeys
{
    private static readonly byte[] MasterMagic = Encoding.ASCII.GetBytes("This is the MPPE Master Key");
    private static readonly byte[] ClientSendMagic = Encoding.ASCII.GetBytes("On the client side, this is the send key; on the server side, it is the receive key.");
    private static readonly byte[] ClientReceiveMagic = Encoding.ASCII.GetBytes("On the client side, this is the receive key; on the server side, it is the send key.");

    /// <summary>GetMasterKey: the first 16 bytes of SHA1(PasswordHashHash | NT-Response | Magic1).</summary>
    public static byte[] GetMasterKey(ReadOnlySpan<byte> passwordHashHash, ReadOnlySpan<byte> ntResponse)
    {
        var input = new byte[16 + MsChapV2.NtResponseSize + MasterMagic.Length];
        passwordHashHash[..16].CopyTo(input);
        ntResponse[..MsChapV2.NtResponseSize].CopyTo(input.AsSpan(16));
        MasterMagic.CopyTo(input, 16 + MsChapV2.NtResponseSize);
        return SHA1.HashData(input)[..16];
    }

    /// <summary>GetAsymmetricStartKey: the send or receive start key of the client or server, 8 or 16 bytes.</summary>
    public static byte[] GetAsymmetricStartKey(ReadOnlySpan<byte> masterKey, int sessionKeyLength, bool isSend, bool isServer)
    {
        if (sessionKeyLength is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(sessionKeyLength), sessionKeyLength, "MPPE session keys are 8 or 16 bytes.");
        }

        var magic = isSend == isServer ? ClientReceiveMagic : ClientSendMagic;
        var input = new byte[16 + 40 + magic.Length + 40];
        masterKey[..16].CopyTo(input);
        magic.CopyTo(input, 16 + 40);
        input.AsSpan(16 + 40 + magic.Length).Fill(0xF2);
        return SHA1.HashData(input)[..sessionKeyLength];
    }
}
