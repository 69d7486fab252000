using System;
using System.Buffers.Binary;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Lcp;

/// <summary>
/// The value of LCP option 3, Authentication-Protocol (RFC 1661 section 6.2): the protocol number,
/// followed for CHAP by the algorithm (RFC 1994 section 3: 5 = MD5; RFC 2759 section 2: 0x81 = MS-CHAPv2).
/// </summary>
internal static class AuthenticationProtocolOption
{
    public const byte ChapMd5Algorithm = 0x05;
    public const byte MsChapV2Algorithm = 0x81;

    public static bool TryParse(ReadOnlySpan<byte> value, out PppAuthenticationProtocol protocol)
    {
        protocol = default;
        if (value.Length < 2)
        {
            return false;
        }

        switch ((PppProtocol)BinaryPrimitives.ReadUInt16BigEndian(value))
        {
            case PppProtocol.Pap when value.Length == 2:
                protocol = PppAuthenticationProtocol.Pap;
                return true;
            case PppProtocol.Chap when value.Length == 3 && value[2] == ChapMd5Algorithm:
                protocol = PppAuthenticationProtocol.Chap;
                return true;
            case PppProtocol.Chap when value.Length == 3 && value[2] == MsChapV2Algorithm:
                protocol = PppAuthenticationProtocol.MsChapV2;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes the option value into <paramref name="destination"/>; returns its length (2 or 3).</summary>
    public static int Encode(PppAuthenticationProtocol protocol, Span<byte> destination)
    {
        if (protocol == PppAuthenticationProtocol.Pap)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)PppProtocol.Pap);
            return 2;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)PppProtocol.Chap);
        destination[2] = protocol == PppAuthenticationProtocol.MsChapV2 ? MsChapV2Algorithm : ChapMd5Algorithm;
        return 3;
    }
}
