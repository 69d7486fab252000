using System;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Encoding;

/// <summary>The L2TP header of RFC 2661 section 3.1, on golden bytes laid out from the section's diagram.</summary>
public sealed class L2tpHeaderTests
{
    [Fact]
    public void ZeroLengthBodyControlHeaderIsTheFixedC802Form()
    {
        var datagram = new byte[12];
        L2tpHeader.WriteControl(datagram, 12, tunnelId: 0x1234, sessionId: 0, ns: 1, nr: 2);

        // T, L, S set, version 2 (0xC802), Length 12, tunnel 0x1234, session 0, Ns 1, Nr 2.
        Assert.Equal(Hex.Parse("c802 000c 1234 0000 0001 0002"), datagram);
        Assert.True(L2tpHeader.TryRead(datagram, out var header));
        Assert.True(header.IsControl && header.HasLength && header.HasSequence);
        Assert.True(header.IsZeroLengthBody);
        Assert.Equal((0x1234, 0, 1, 2, 12), (header.TunnelId, header.SessionId, header.Ns, header.Nr, header.HeaderLength));
    }

    [Fact]
    public void DataHeaderWithLengthAndSequenceNumbers()
    {
        var datagram = new byte[16];
        var headerLength = L2tpHeader.WriteData(datagram, 0x1234, 0x5678, payloadLength: 4, includeLength: true, sequenced: true, ns: 3);
        Hex.Parse("ff03c021").CopyTo(datagram, headerLength);

        // L and S (0x4802), Length 16, IDs, Ns 3, Nr 0 (reserved in data messages), then the PPP frame.
        Assert.Equal(Hex.Parse("4802 0010 1234 5678 0003 0000 ff03c021"), datagram);
        Assert.True(L2tpHeader.TryRead(datagram, out var header));
        Assert.False(header.IsControl);
        Assert.Equal(3, header.Ns);
        Assert.Equal(Hex.Parse("ff03c021"), header.Payload(datagram).ToArray());
    }

    [Fact]
    public void MinimalDataHeaderIsSixOctets()
    {
        var datagram = Hex.Parse("0002 1234 5678 ff03c021");
        Assert.True(L2tpHeader.TryRead(datagram, out var header));
        Assert.Equal(6, header.HeaderLength);
        Assert.False(header.HasLength || header.HasSequence || header.HasOffset);
        Assert.Equal(4, header.PayloadLength);
    }

    [Fact]
    public void OffsetPaddingIsSkipped()
    {
        // O bit (0x0202): Offset Size 2, two octets of pad, then the payload.
        var datagram = Hex.Parse("0202 1234 5678 0002 aabb ff03");
        Assert.True(L2tpHeader.TryRead(datagram, out var header));
        Assert.Equal(10, header.HeaderLength);
        Assert.Equal(Hex.Parse("ff03"), header.Payload(datagram).ToArray());
    }

    [Fact]
    public void ReservedBitsAreIgnoredOnReceipt()
    {
        // Section 3.1: reserved bits are sent as 0 and ignored when received.
        var datagram = Hex.Parse("00f2 1234 5678 ff03");
        Assert.True(L2tpHeader.TryRead(datagram, out var header));
        Assert.Equal(2, header.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c8")]
    [InlineData("c802 000c 1234")]
    [InlineData("c802 000c 1234 0000 0001")]
    [InlineData("c802 0014 1234 0000 0001 0002")]
    [InlineData("0202 1234 5678 0008 aa")]
    [InlineData("4002 0010 1234 5678")]
    public void TruncatedInputReturnsFalse(string hex)
    {
        Assert.False(L2tpHeader.TryRead(Hex.Parse(hex), out _));
    }

    [Theory]
    [InlineData("c801 000c 1234 0000 0001 0002", "version")]
    [InlineData("c803 000c 1234 0000 0001 0002", "version")]
    [InlineData("8802 1234 0000 0001 0002", "L and S")]
    [InlineData("c002 000a 1234 0000 0001", "L and S")]
    [InlineData("cb02 000e 1234 0000 0001 0002 0000", "O and P")]
    [InlineData("c802 0008 1234 0000 0001 0002", "shorter than the header")]
    public void ProtocolViolationsAreTypedFailures(string hex, string reason)
    {
        var failure = Assert.Throws<L2tpProtocolException>(() => L2tpHeader.TryRead(Hex.Parse(hex), out _));
        Assert.Equal(L2tpFailureScope.Datagram, failure.Scope);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesAfterTheLengthAreNotPayload()
    {
        var datagram = Hex.Parse("c802 000c 1234 0000 0001 0002 dead");
        Assert.True(L2tpHeader.TryRead(datagram, out var header));
        Assert.True(header.IsZeroLengthBody);
    }
}
