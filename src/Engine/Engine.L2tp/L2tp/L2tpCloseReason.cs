using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp;

/// <summary>
/// Why a tunnel or session went down: the kind, the Result Code AVP sent or received (none when
/// nothing was exchanged, e.g. an unreachable peer), and a description for logs and audit events.
/// </summary>
public sealed record L2tpCloseReason(L2tpCloseKind Kind, L2tpResult? Result, string Description)
{
    public override string ToString() => Result is null ? $"{Kind}: {Description}" : $"{Kind}: {Description} [{Result}]";
}
