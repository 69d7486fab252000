using System;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// The 49-byte Value of an MS-CHAPv2 Response (RFC 2759 section 4):
/// <code>
///  16 octets: Peer-Challenge
///   8 octets: Reserved, must be zero
///  24 octets: NT-Response
///   1 octet : Flags, must be zero
/// </code>
/// </summary>
public readonly ref struct MsChapV2ResponseValue
{
    public const int Size = 49;

    public MsChapV2ResponseValue(ReadOnlySpan<byte> value)
    {
        PeerChallenge = value[..16];
        NtResponse = value.Slice(24, MsChapV2.NtResponseSize);
        Flags = value[48];
    }

    public ReadOnlySpan<byte> PeerChallenge { get; }

    public ReadOnlySpan<byte> NtResponse { get; }

    public byte Flags { get; }

    public static bool TryRead(ReadOnlySpan<byte> value, out MsChapV2ResponseValue result)
    {
        result = default;
        if (value.Length != Size)
        {
            return false;
        }

        result = new MsChapV2ResponseValue(value);
        return true;
    }

    public static byte[] Build(ReadOnlySpan<byte> peerChallenge, ReadOnlySpan<byte> ntResponse)
    {
        var value = new byte[Size];
        peerChallenge[..16].CopyTo(value);
        ntResponse[..MsChapV2.NtResponseSize].CopyTo(value.AsSpan(24));
        return value;
    }
}
