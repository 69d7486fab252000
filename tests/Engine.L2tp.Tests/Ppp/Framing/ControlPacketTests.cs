using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Framing;

public sealed class ControlPacketTests
{
    // An LCP Configure-Request shaped like those of Windows RAS clients: MRU 1400, Magic-Number,
    // PFC, ACFC, Callback (operation 6, CBCP), Multilink MRRU and an Endpoint Discriminator
    // (class 1, 20 bytes). Hand-built, not a capture.
    public const string WindowsStyleRequest =
        "01 00 0030 0104 0578 0506 4E1C7A2B 0702 0802 0D03 06 1104 064E 1317 01 0123456789ABCDEF0123456789ABCDEF01234567";

    [Fact]
    public void Builds_a_configure_request_byte_for_byte()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new PppPacketWriter(buffer);
        writer.WriteFrameHeader((ushort)PppProtocol.Lcp, PppFrameCompression.None);
        writer.BeginControlPacket((byte)PppControlCode.ConfigureRequest, 0x01);
        writer.WriteOptionUInt16((byte)LcpOptionType.MaximumReceiveUnit, 1400);
        writer.WriteOption((byte)LcpOptionType.AuthenticationProtocol, [0xC2, 0x23, 0x81]);
        writer.WriteOptionUInt32((byte)LcpOptionType.MagicNumber, 0x01020304);
        writer.WriteOptionEmpty((byte)LcpOptionType.ProtocolFieldCompression);
        writer.EndControlPacket();

        Assert.False(writer.Overflowed);
        Assert.Equal("FF03C021" + "01010015" + "01040578" + "0305C22381" + "050601020304" + "0702", Hex.Of(writer.Written));
    }

    [Fact]
    public void Reads_header_and_walks_options()
    {
        var bytes = Hex.Bytes("01 07 0012 0104 05DC 0506 DEADBEEF 0702 0802");
        Assert.True(PppControlPacket.TryRead(bytes, out var packet, out _));
        Assert.Equal(1, packet.Code);
        Assert.Equal(7, packet.Identifier);
        var reader = new PppOptionReader(packet.Data);
        var seen = new List<(byte Type, string Value)>();
        while (reader.TryReadNext(out var option))
        {
            seen.Add((option.Type, Hex.Of(option.Value)));
        }

        Assert.Equal(PppFormatError.None, reader.Error);
        Assert.Equal([(1, "05DC"), (5, "DEADBEEF"), (7, ""), (8, "")], seen);
    }

    [Theory]
    [InlineData("010100", PppFormatError.Truncated)]
    [InlineData("01010003", PppFormatError.BadLength)]
    [InlineData("01010010 0104", PppFormatError.Truncated)]
    public void Rejects_bad_headers(string hex, PppFormatError expected)
    {
        Assert.False(PppControlPacket.TryRead(Hex.Bytes(hex), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("01", PppFormatError.Truncated)]
    [InlineData("0100", PppFormatError.BadOptionLength)]
    [InlineData("0101", PppFormatError.BadOptionLength)]
    [InlineData("0104 05", PppFormatError.Truncated)]
    [InlineData("0702 0109", PppFormatError.Truncated)]
    public void Rejects_bad_option_lists(string hex, PppFormatError expected)
    {
        Assert.False(PppOptionReader.Validate(Hex.Bytes(hex), out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_windows_style_request_parses_option_by_option()
    {
        var bytes = Hex.Bytes(WindowsStyleRequest);
        Assert.True(PppControlPacket.TryRead(bytes, out var packet, out _));
        var types = new List<byte>();
        var reader = new PppOptionReader(packet.Data);
        while (reader.TryReadNext(out var option))
        {
            types.Add(option.Type);
        }

        Assert.Equal([1, 5, 7, 8, 13, 17, 19], types);
    }

    [Fact]
    public void The_writer_never_writes_past_its_buffer()
    {
        Span<byte> buffer = stackalloc byte[6];
        var writer = new PppPacketWriter(buffer);
        writer.BeginControlPacket(1, 1);
        writer.WriteOptionUInt32(5, 0xFFFFFFFF);
        writer.EndControlPacket();

        Assert.True(writer.Overflowed);
        Assert.Equal(0, writer.Remaining);
        Assert.True(writer.Length <= buffer.Length);
    }

    [Fact]
    public void Truncated_copies_fit_what_is_left()
    {
        Span<byte> buffer = stackalloc byte[6];
        var writer = new PppPacketWriter(buffer);
        writer.BeginControlPacket(7, 1);
        writer.WriteBytesTruncated([1, 2, 3, 4, 5]);
        writer.EndControlPacket();

        Assert.False(writer.Overflowed);
        Assert.Equal("0701000601 02".Replace(" ", string.Empty), Hex.Of(writer.Written));
    }

    [Fact]
    public void Random_bytes_never_crash_the_readers()
    {
        var random = new Random(1661);
        var buffer = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer);
            var bytes = buffer.AsSpan(0, length);
            if (PppFrame.TryRead(bytes, out var frame, out _) && PppControlPacket.TryRead(frame.Information, out var packet, out _))
            {
                var reader = new PppOptionReader(packet.Data);
                while (reader.TryReadNext(out var option))
                {
                    Assert.True(option.Raw.Length >= 2);
                }
            }
        }
    }
}
