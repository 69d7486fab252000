using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.MessageRules;

/// <summary>
/// The rule table per exchange type and encryption, checked before any task runs. Main mode has
/// a cleartext table (messages 1-4) and an encrypted one (5-6); quick mode exists only encrypted;
/// an informational exchange is encrypted with HASH(1) once the ISAKMP SA is authenticated and
/// cleartext before (error notifications only). Unknown payload types are skipped, as strongSwan
/// does, since IKEv1 has no critical bit: the trace names them.
/// </summary>
internal static class MessageRuleTable
{
    private const int Many = 16;

    private static readonly MessageRule[] Rules =
    [
        new(IsakmpExchangeType.MainMode, Encrypted: false, HashFirst: false,
        [
            new(IsakmpPayloadType.SecurityAssociation, 1),
            new(IsakmpPayloadType.KeyExchange, 1),
            new(IsakmpPayloadType.Nonce, 1),
            new(IsakmpPayloadType.VendorId, Many * 2),
            new(IsakmpPayloadType.NatDiscovery, Many),
            new(IsakmpPayloadType.NatDiscoveryDraft, Many),
            new(IsakmpPayloadType.Notification, Many),
            new(IsakmpPayloadType.CertificateRequest, Many),
        ]),
        new(IsakmpExchangeType.MainMode, Encrypted: true, HashFirst: false,
        [
            new(IsakmpPayloadType.Identification, 1),
            new(IsakmpPayloadType.Hash, 1),
            new(IsakmpPayloadType.Signature, 1),
            new(IsakmpPayloadType.Certificate, Many),
            new(IsakmpPayloadType.CertificateRequest, Many),
            new(IsakmpPayloadType.Notification, Many),
            new(IsakmpPayloadType.VendorId, Many),
        ]),
        new(IsakmpExchangeType.QuickMode, Encrypted: true, HashFirst: true,
        [
            new(IsakmpPayloadType.Hash, 1),
            new(IsakmpPayloadType.SecurityAssociation, 1),
            new(IsakmpPayloadType.Nonce, 1),
            new(IsakmpPayloadType.KeyExchange, 1),
            new(IsakmpPayloadType.Identification, 2),
            new(IsakmpPayloadType.NatOriginalAddress, 2),
            new(IsakmpPayloadType.NatOriginalAddressDraft, 2),
            new(IsakmpPayloadType.Notification, Many),
        ]),
        new(IsakmpExchangeType.Informational, Encrypted: true, HashFirst: true,
        [
            new(IsakmpPayloadType.Hash, 1),
            new(IsakmpPayloadType.Notification, Many),
            new(IsakmpPayloadType.Delete, Many),
        ]),
        new(IsakmpExchangeType.Informational, Encrypted: false, HashFirst: false,
        [
            new(IsakmpPayloadType.Notification, Many),
        ]),
    ];

    public static MessageRule? Find(IsakmpExchangeType exchange, bool encrypted) =>
        Array.Find(Rules, rule => rule.Exchange == exchange && rule.Encrypted == encrypted);

    /// <summary>Null when the message keeps the rules of its exchange, otherwise what it broke.</summary>
    public static MessageRuleViolation? Check(IsakmpMessage message, bool encrypted)
    {
        var exchange = message.Header.ExchangeType;
        var rule = Find(exchange, encrypted);
        if (rule is null)
        {
            return Find(exchange, !encrypted) is null
                ? new MessageRuleViolation(IsakmpNotifyType.UnsupportedExchangeType, $"{exchange} exchanges are not supported")
                : new MessageRuleViolation(IsakmpNotifyType.PayloadMalformed, $"a {exchange} message must {(encrypted ? "not " : string.Empty)}be encrypted here");
        }

        var known = message.Payloads.Where(payload => payload is not UnknownPayload).ToArray();
        if (rule.HashFirst && (known.Length == 0 || message.Payloads[0] is not HashPayload))
        {
            return new MessageRuleViolation(IsakmpNotifyType.InvalidHashInformation, $"{exchange}: HASH is not the first payload");
        }

        foreach (var group in known.GroupBy(payload => payload.PayloadType))
        {
            var allowed = rule.Payloads.FirstOrDefault(p => p.Type == group.Key);
            if (allowed is null)
            {
                return new MessageRuleViolation(IsakmpNotifyType.InvalidPayloadType, $"{group.Key} payload not allowed in {(encrypted ? "an encrypted" : "a cleartext")} {exchange} message");
            }

            if (group.Count() > allowed.Max)
            {
                return new MessageRuleViolation(IsakmpNotifyType.InvalidPayloadType, $"{group.Count()} {group.Key} payloads in one {exchange} message, at most {allowed.Max}");
            }
        }

        return null;
    }
}
