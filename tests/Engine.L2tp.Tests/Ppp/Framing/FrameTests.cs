using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Framing;

public sealed class FrameTests
{
    [Fact]
    public void Reads_a_full_header()
    {
        Assert.True(PppFrame.TryRead(Hex.Bytes("FF03C021 0101 0004"), out var frame, out var error));
        Assert.Equal(PppFormatError.None, error);
        Assert.Equal((ushort)PppProtocol.Lcp, frame.Protocol);
        Assert.True(frame.HasAddressControl);
        Assert.False(frame.ProtocolCompressed);
        Assert.Equal(4, frame.HeaderLength);
        Assert.Equal(Hex.Bytes("01010004"), frame.Information.ToArray());
    }

    [Fact]
    public void Reads_frames_with_acfc_and_pfc()
    {
        // ACFC only: no FF 03.
        Assert.True(PppFrame.TryRead(Hex.Bytes("8021 01"), out var noAddress, out _));
        Assert.Equal((ushort)PppProtocol.Ipcp, noAddress.Protocol);
        Assert.False(noAddress.HasAddressControl);

        // PFC only: IPv4 as the single byte 0x21.
        Assert.True(PppFrame.TryRead(Hex.Bytes("FF03 21 45"), out var shortProtocol, out _));
        Assert.Equal((ushort)PppProtocol.Ipv4, shortProtocol.Protocol);
        Assert.True(shortProtocol.ProtocolCompressed);
        Assert.Equal(3, shortProtocol.HeaderLength);

        // Both.
        Assert.True(PppFrame.TryRead(Hex.Bytes("57 60"), out var both, out _));
        Assert.Equal((ushort)PppProtocol.Ipv6, both.Protocol);
        Assert.Equal(1, both.HeaderLength);
    }

    [Fact]
    public void An_empty_information_field_is_a_frame()
    {
        Assert.True(PppFrame.TryRead(Hex.Bytes("FF030021"), out var frame, out _));
        Assert.True(frame.Information.IsEmpty);
    }

    [Theory]
    [InlineData("", PppFormatError.Truncated)]
    [InlineData("FF", PppFormatError.Truncated)]
    [InlineData("FF03", PppFormatError.Truncated)]
    [InlineData("FF04C021", PppFormatError.BadAddressControl)]
    [InlineData("FF03C0", PppFormatError.Truncated)]
    [InlineData("C0", PppFormatError.Truncated)]
    [InlineData("C022", PppFormatError.BadProtocolField)]
    [InlineData("FF030020", PppFormatError.BadProtocolField)]
    public void Rejects_what_is_not_a_frame(string hex, PppFormatError expected)
    {
        Assert.False(PppFrame.TryRead(Hex.Bytes(hex), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Writes_lcp_uncompressed_whatever_was_negotiated()
    {
        Span<byte> buffer = stackalloc byte[8];
        var writer = new PppPacketWriter(buffer);
        writer.WriteFrameHeader((ushort)PppProtocol.Lcp, PppFrameCompression.AddressControl | PppFrameCompression.ProtocolField);
        Assert.Equal("FF03C021", Hex.Of(writer.Written));
        Assert.Equal(4, PppFrame.HeaderSize((ushort)PppProtocol.Lcp, PppFrameCompression.AddressControl | PppFrameCompression.ProtocolField));
    }

    [Theory]
    [InlineData(PppFrameCompression.None, 0x0021, "FF030021")]
    [InlineData(PppFrameCompression.AddressControl, 0x0021, "0021")]
    [InlineData(PppFrameCompression.ProtocolField, 0x0021, "FF0321")]
    [InlineData(PppFrameCompression.AddressControl | PppFrameCompression.ProtocolField, 0x0021, "21")]
    [InlineData(PppFrameCompression.AddressControl | PppFrameCompression.ProtocolField, 0x8021, "8021")]
    [InlineData(PppFrameCompression.ProtocolField, 0xC223, "FF03C223")]
    public void Writes_the_negotiated_compression(PppFrameCompression compression, int protocol, string expected)
    {
        Span<byte> buffer = stackalloc byte[8];
        var writer = new PppPacketWriter(buffer);
        writer.WriteFrameHeader((ushort)protocol, compression);
        Assert.Equal(expected, Hex.Of(writer.Written));
        Assert.Equal(expected.Length / 2, PppFrame.HeaderSize((ushort)protocol, compression));
        Assert.True(PppFrame.TryRead([.. writer.Written, 0x45], out var frame, out _));
        Assert.Equal(protocol, frame.Protocol);
    }
}
