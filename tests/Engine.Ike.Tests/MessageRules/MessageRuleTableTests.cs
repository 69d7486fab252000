using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.MessageRules;

namespace Engine.Ike.Tests.MessageRules;

public sealed class MessageRuleTableTests
{
    private static IsakmpMessage Message(IsakmpExchangeType exchange, params IsakmpPayload[] payloads) =>
        new(new IsakmpHeader { ExchangeType = exchange }, payloads);

    [Fact]
    public void Quick_mode_must_start_with_hash()
    {
        var violation = MessageRuleTable.Check(Message(IsakmpExchangeType.QuickMode, new NoncePayload(new byte[16]), new HashPayload(new byte[20])), encrypted: true);

        Assert.Equal(IsakmpNotifyType.InvalidHashInformation, violation!.Notify);
    }

    [Fact]
    public void Quick_mode_in_the_clear_is_refused()
    {
        Assert.NotNull(MessageRuleTable.Check(Message(IsakmpExchangeType.QuickMode, new HashPayload(new byte[20])), encrypted: false));
    }

    [Fact]
    public void A_payload_type_the_exchange_does_not_allow_is_invalid_payload_type()
    {
        var violation = MessageRuleTable.Check(Message(IsakmpExchangeType.MainMode, new HashPayload(new byte[20])), encrypted: false);

        Assert.Equal(IsakmpNotifyType.InvalidPayloadType, violation!.Notify);
    }

    [Fact]
    public void Too_many_of_one_payload_is_refused()
    {
        var violation = MessageRuleTable.Check(Message(IsakmpExchangeType.MainMode, new NoncePayload(new byte[16]), new NoncePayload(new byte[16])), encrypted: false);

        Assert.Contains("at most 1", violation!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_exchanges_are_named_as_such()
    {
        Assert.Equal(IsakmpNotifyType.UnsupportedExchangeType, MessageRuleTable.Check(Message(IsakmpExchangeType.Aggressive, new NoncePayload(new byte[16])), encrypted: false)!.Notify);
    }

    [Fact]
    public void Unknown_payloads_are_skipped_and_a_good_message_passes()
    {
        var message = Message(IsakmpExchangeType.Informational, new HashPayload(new byte[20]), new UnknownPayload((IsakmpPayloadType)200, [1, 2, 3]), DeletePayload.ForIpsecSpis(IsakmpProtocolId.Esp, [0x1234u]));

        Assert.Null(MessageRuleTable.Check(message, encrypted: true));
    }
}
