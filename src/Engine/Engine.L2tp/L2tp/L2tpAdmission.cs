using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp;

/// <summary>
/// The gateway's answer to a new tunnel or call: accept, or refuse with the Result Code AVP the
/// StopCCN or CDN carries (e.g. CDN result 4, temporary lack of facilities, when MaxSessions is reached).
/// </summary>
public sealed record L2tpAdmission(bool Accepted, L2tpResult? Refusal)
{
    public static L2tpAdmission Accept { get; } = new(true, null);

    public static L2tpAdmission Refuse(L2tpResult result) => new(false, result ?? throw new ArgumentNullException(nameof(result)));
}
