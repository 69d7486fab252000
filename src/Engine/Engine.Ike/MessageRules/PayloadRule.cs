using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.MessageRules;

/// <summary>A payload type an exchange allows, and how many of it one message may carry.</summary>
internal sealed record PayloadRule(IsakmpPayloadType Type, int Max);
