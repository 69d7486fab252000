using System.Buffers.Binary;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

public sealed class IsakmpMessageTests
{
    [Fact]
    public void Next_payload_links_and_length_are_computed_on_write()
    {
        var message = new IsakmpMessage(
            new IsakmpHeader { ExchangeType = IsakmpExchangeType.Informational, NextPayload = IsakmpPayloadType.Delete, Length = 9999 },
            [new HashPayload([1, 2, 3, 4]), NotificationPayload.RUThere(1, 2, 3)]);
        var bytes = message.ToArray();
        Assert.Equal((byte)IsakmpPayloadType.Hash, bytes[16]);
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(24)));
        Assert.Equal((byte)IsakmpPayloadType.Notification, bytes[28]);   // HASH's next payload
        Assert.Equal((byte)IsakmpPayloadType.None, bytes[36]);           // the notification is last
    }

    [Fact]
    public void A_message_without_payloads_is_just_a_header()
    {
        var bytes = new IsakmpMessage(new IsakmpHeader { ExchangeType = IsakmpExchangeType.Informational }, []).ToArray();
        Assert.Equal(IsakmpHeader.Size, bytes.Length);
        Assert.True(IsakmpMessage.TryParse(bytes, out var parsed));
        Assert.Empty(parsed!.Payloads);
    }

    [Fact]
    public void Unknown_payload_types_are_skipped_and_recorded()
    {
        var bytes = Hex.Parse("""
            11 22 33 44 55 66 77 88  00 00 00 00 00 00 00 00
            08 10 05 00  00 00 00 01  00 00 00 44       # length 68
            c8 00 00 08  01 02 03 04                       # HASH, next 200
            0d 00 00 0c  de ad be ef ca fe ba be           # type 200 (unknown), next VID
            00 00 00 14  af ca d7 13 68 a1 f1 c9 6b 86 96 fc 77 57 01 00
            """);
        Assert.True(IsakmpMessage.TryParse(bytes, out var message));
        var unknown = Assert.Single(message!.UnknownPayloads);
        Assert.Equal((IsakmpPayloadType)200, unknown.PayloadType);
        Assert.Equal("deadbeefcafebabe", Hex.Format(unknown.Data.Span));
        Assert.Same(VendorIdCatalog.DeadPeerDetection, message.Find<VendorIdPayload>()!.Identify()!.VendorId);
        Assert.Equal(Hex.Format(bytes), Hex.Format(message.ToArray()));
    }

    [Fact]
    public void A_datagram_longer_than_the_header_says_is_unequal_payload_lengths()
    {
        var bytes = WindowsMainModeMessage1.Bytes.Append((byte)0).ToArray();
        AssertNotify(IsakmpNotifyType.UnequalPayloadLengths, bytes);
    }

    [Fact]
    public void Bytes_after_the_last_cleartext_payload_are_unequal_payload_lengths()
    {
        var bytes = WindowsMainModeMessage1.Bytes.Concat(new byte[4]).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)bytes.Length);
        AssertNotify(IsakmpNotifyType.UnequalPayloadLengths, bytes);
    }

    [Fact]
    public void A_payload_running_past_the_message_is_payload_malformed()
    {
        var bytes = WindowsMainModeMessage1.Bytes;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(bytes.Length - 20 + 2), 0x30);   // last VID claims 48 bytes
        AssertNotify(IsakmpNotifyType.PayloadMalformed, bytes);
    }

    [Fact]
    public void A_payload_length_below_four_is_payload_malformed()
    {
        var bytes = WindowsMainModeMessage1.Bytes;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(IsakmpHeader.Size + 2), 3);
        AssertNotify(IsakmpNotifyType.PayloadMalformed, bytes);
    }

    [Fact]
    public void Encrypted_messages_expose_the_ciphertext_and_parse_the_decrypted_chain_with_padding()
    {
        // The exchange layer encrypts IsakmpPayloadChain.ToArray(payloads) padded to the block size;
        // an identity "cipher" keeps this test about the codec.
        var payloads = QuickModeMessage1.BuildPayloads();
        var plaintext = IsakmpPayloadChain.ToArray(payloads);
        var padded = plaintext.Concat(new byte[] { 0, 0, 0, 0, 0, 0, 0, 7 }).ToArray();
        var sent = IsakmpMessage.CreateEncrypted(QuickModeMessage1.Header, IsakmpPayloadType.Hash, padded).ToArray();

        Assert.True(IsakmpMessage.TryParse(sent, out var received));
        Assert.True(received!.Header.IsEncrypted);
        Assert.True(received.HasEncryptedBody);
        Assert.Empty(received.Payloads);
        Assert.Equal(IsakmpPayloadType.Hash, received.Header.NextPayload);
        Assert.Equal(Hex.Format(padded), Hex.Format(received.EncryptedBody.Span));

        var decrypted = received.WithDecryptedBody(received.EncryptedBody.Span);
        Assert.False(decrypted.HasEncryptedBody);
        Assert.Equal(payloads.Select(p => p.PayloadType), decrypted.Payloads.Select(p => p.PayloadType));
        Assert.Equal(Hex.Format(plaintext), Hex.Format(IsakmpPayloadChain.ToArray(decrypted.Payloads)));
    }

    [Fact]
    public void A_decrypted_message_cannot_be_sent_as_plaintext_under_the_encryption_flag()
    {
        var sent = IsakmpMessage.CreateEncrypted(QuickModeMessage1.Header, IsakmpPayloadType.Hash,
            IsakmpPayloadChain.ToArray(QuickModeMessage1.BuildPayloads())).ToArray();
        Assert.True(IsakmpMessage.TryParse(sent, out var received));
        var decrypted = received!.WithDecryptedBody(received.EncryptedBody.Span);
        Assert.Throws<InvalidOperationException>(() => decrypted.ToArray());
    }

    [Fact]
    public void A_decrypted_body_that_is_garbage_is_payload_malformed()
    {
        var message = IsakmpMessage.CreateEncrypted(QuickModeMessage1.Header, IsakmpPayloadType.Hash, new byte[16]);
        var exception = Assert.Throws<IsakmpProtocolException>(() => message.WithDecryptedBody([0x01, 0x00, 0xff, 0xff, 1, 2, 3, 4]));
        Assert.Equal(IsakmpNotifyType.PayloadMalformed, exception.NotifyType);
    }

    [Fact]
    public void TryWrite_reports_a_destination_that_is_too_small()
    {
        var message = WindowsMainModeMessage1.Build();
        Assert.False(message.TryWrite(new byte[message.GetEncodedLength() - 1], out var written));
        Assert.Equal(0, written);
        var exact = new byte[message.GetEncodedLength() + 10];
        Assert.True(message.TryWrite(exact, out written));
        Assert.Equal(328, written);
    }

    private static void AssertNotify(IsakmpNotifyType expected, byte[] datagram)
    {
        var exception = Assert.Throws<IsakmpProtocolException>(() => IsakmpMessage.TryParse(datagram, out _));
        Assert.Equal(expected, exception.NotifyType);
    }
}
