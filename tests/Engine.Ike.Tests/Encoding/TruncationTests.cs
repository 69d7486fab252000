using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

/// <summary>
/// A datagram cut anywhere is "not a whole message" (false), never an exception. A decrypted body
/// cut anywhere has a known size, so it is PAYLOAD-MALFORMED, and only ever that typed exception.
/// </summary>
public sealed class TruncationTests
{
    public static IEnumerable<object[]> Messages() =>
        SampleMessages.Names.Concat([["golden-main-mode-1"], ["golden-quick-mode-1"]]);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_prefix_of_a_message_returns_false(string name)
    {
        var bytes = BytesOf(name);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(IsakmpMessage.TryParse(bytes.AsSpan(0, length), out var message), $"{name} cut at {length}");
            Assert.Null(message);
        }

        Assert.True(IsakmpMessage.TryParse(bytes, out _));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_prefix_of_a_decrypted_body_is_payload_malformed(string name)
    {
        var bytes = BytesOf(name);
        Assert.True(IsakmpHeader.TryRead(bytes, out var header));
        if (header.IsEncrypted || header.NextPayload == IsakmpPayloadType.None)
        {
            return;
        }

        var encrypted = IsakmpMessage.CreateEncrypted(header, header.NextPayload, []);
        var body = bytes.AsSpan(IsakmpHeader.Size).ToArray();
        for (var length = 0; length < body.Length; length++)
        {
            var exception = Assert.Throws<IsakmpProtocolException>(() => encrypted.WithDecryptedBody(body.AsSpan(0, length)));
            Assert.Equal(IsakmpNotifyType.PayloadMalformed, exception.NotifyType);
        }
    }

    [Fact]
    public void Every_prefix_of_every_strongswan_message_returns_false()
    {
        var datagrams = PcapReader.ReadUdp(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "strongswan", "strongswan-ikev1-main-mode.pcap"));
        foreach (var datagram in datagrams)
        {
            var ike = datagram.DestinationPort == 4500 ? datagram.Payload[NatTraversalFraming.NonEspMarkerLength..] : datagram.Payload;
            for (var length = 0; length < ike.Length; length++)
            {
                Assert.False(IsakmpMessage.TryParse(ike.AsSpan(0, length), out _));
            }
        }
    }

    private static byte[] BytesOf(string name) => name switch
    {
        "golden-main-mode-1" => WindowsMainModeMessage1.Bytes,
        "golden-quick-mode-1" => QuickModeMessage1.Bytes,
        _ => SampleMessages.Get(name).Bytes,
    };
}
