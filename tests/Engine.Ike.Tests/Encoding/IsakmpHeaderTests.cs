using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

public sealed class IsakmpHeaderTests
{
    private const string QuickModeHeader = """
        11 22 33 44 55 66 77 88   # initiator cookie
        99 aa bb cc dd ee ff 00   # responder cookie
        08 10 20 01               # next HASH, version 1.0, Quick Mode, Encryption flag
        01 02 03 04               # message id
        00 00 00 5c               # length 92
        """;

    [Fact]
    public void Reads_and_writes_every_field()
    {
        var bytes = Hex.Parse(QuickModeHeader);
        Assert.True(IsakmpHeader.TryRead(bytes, out var header));
        Assert.Equal(0x1122334455667788UL, header.InitiatorSpi);
        Assert.Equal(0x99aabbccddeeff00UL, header.ResponderSpi);
        Assert.Equal(IsakmpPayloadType.Hash, header.NextPayload);
        Assert.Equal((1, 0), (header.MajorVersion, header.MinorVersion));
        Assert.Equal(IsakmpExchangeType.QuickMode, header.ExchangeType);
        Assert.Equal(IsakmpHeaderFlags.Encryption, header.Flags);
        Assert.True(header.IsEncrypted);
        Assert.Equal(0x01020304u, header.MessageId);
        Assert.Equal(92u, header.Length);
        header.Verify();

        var written = new byte[IsakmpHeader.Size];
        var writer = new IsakmpWriter(written);
        header.Write(ref writer);
        Assert.Equal(Hex.Format(bytes), Hex.Format(written));
    }

    [Fact]
    public void Fewer_than_28_bytes_is_not_a_header()
    {
        var bytes = Hex.Parse(QuickModeHeader);
        for (var length = 0; length < IsakmpHeader.Size; length++)
        {
            Assert.False(IsakmpHeader.TryRead(bytes.AsSpan(0, length), out _));
        }
    }

    [Theory]
    [InlineData(IsakmpExchangeType.MainMode)]
    [InlineData(IsakmpExchangeType.Aggressive)]
    [InlineData(IsakmpExchangeType.Informational)]
    [InlineData(IsakmpExchangeType.Transaction)]
    [InlineData(IsakmpExchangeType.QuickMode)]
    [InlineData(IsakmpExchangeType.Base)]
    [InlineData(IsakmpExchangeType.AuthenticationOnly)]
    [InlineData(IsakmpExchangeType.NewGroupMode)]
    public void Recognises_the_ikev1_exchange_types(IsakmpExchangeType type) =>
        new IsakmpHeader { ExchangeType = type, Length = IsakmpHeader.Size }.Verify();

    [Theory]
    [InlineData(0x20, 2, 0, 28, IsakmpNotifyType.InvalidMajorVersion)]   // an IKEv2 header
    [InlineData(0x11, 2, 0, 28, IsakmpNotifyType.InvalidMinorVersion)]
    [InlineData(0x10, 34, 0, 28, IsakmpNotifyType.InvalidExchangeType)]  // IKE_SA_INIT
    [InlineData(0x10, 0, 0, 28, IsakmpNotifyType.InvalidExchangeType)]
    [InlineData(0x10, 2, 0x08, 28, IsakmpNotifyType.InvalidFlags)]       // IKEv2's initiator bit
    [InlineData(0x10, 2, 0, 27, IsakmpNotifyType.UnequalPayloadLengths)]
    public void Header_violations_carry_their_notify_type(byte version, byte exchange, byte flags, uint length, IsakmpNotifyType notify)
    {
        var bytes = new byte[IsakmpHeader.Size];
        bytes[17] = version;
        bytes[18] = exchange;
        bytes[19] = flags;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), length);
        var exception = Assert.Throws<IsakmpProtocolException>(() => IsakmpMessage.TryParse(bytes, out _));
        Assert.Equal(notify, exception.NotifyType);
    }
}
