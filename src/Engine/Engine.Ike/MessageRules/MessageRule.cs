using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.MessageRules;

/// <summary>
/// What one exchange type allows in a message, encrypted or not (strongSwan's message_rule_t):
/// which payloads and how many, and whether HASH must come first (RFC 2409 sections 5.5, 5.7).
/// Which payloads a particular message needs is the task's business; these rules only keep out
/// what no message of the exchange may hold.
/// </summary>
internal sealed record MessageRule(IsakmpExchangeType Exchange, bool Encrypted, bool HashFirst, IReadOnlyList<PayloadRule> Payloads);
