using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Tests.Support;

/// <summary>Both directions of a payload golden test, plus truncation at every offset.</summary>
public static class PayloadAssert
{
    /// <summary>
    /// <paramref name="built"/> must write exactly <paramref name="annotatedHex"/> (as the last payload
    /// of a chain, so Next Payload 0); the hex must read back to a payload that writes the same
    /// bytes; and every shorter prefix must read as "not enough bytes" (false), never throw.
    /// </summary>
    public static T RoundTrip<T>(IsakmpPayload built, string annotatedHex)
        where T : IsakmpPayload
    {
        var expected = Hex.Parse(annotatedHex);
        Assert.Equal(Hex.Format(expected), Hex.Format(IsakmpPayloadChain.ToArray([built])));

        Assert.True(IsakmpPayloadChain.TryReadPayload(expected, built.PayloadType, out var parsed, out var next, out var consumed));
        Assert.Equal(IsakmpPayloadType.None, next);
        Assert.Equal(expected.Length, consumed);
        Assert.Equal(Hex.Format(expected), Hex.Format(IsakmpPayloadChain.ToArray([parsed!])));

        for (var length = 0; length < expected.Length; length++)
        {
            Assert.False(IsakmpPayloadChain.TryReadPayload(expected.AsSpan(0, length), built.PayloadType, out _, out _, out _));
        }

        return Assert.IsType<T>(parsed);
    }

    /// <summary>Reading <paramref name="annotatedHex"/> as a payload of <paramref name="type"/> must fail with <paramref name="notify"/>.</summary>
    public static void Rejects(IsakmpPayloadType type, string annotatedHex, IsakmpNotifyType notify)
    {
        var bytes = Hex.Parse(annotatedHex);
        var exception = Assert.Throws<IsakmpProtocolException>(() => IsakmpPayloadChain.TryReadPayload(bytes, type, out _, out _, out _));
        Assert.Equal(notify, exception.NotifyType);
    }

    public static void VerifyFails(IsakmpPayload payload, IsakmpNotifyType notify)
    {
        var exception = Assert.Throws<IsakmpProtocolException>(payload.Verify);
        Assert.Equal(notify, exception.NotifyType);
    }
}
