using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.MessageRules;

/// <summary>Why a message was refused before any task saw it, and the notify that says so.</summary>
internal sealed record MessageRuleViolation(IsakmpNotifyType Notify, string Reason);
