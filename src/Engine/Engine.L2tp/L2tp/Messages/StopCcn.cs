using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Stop-Control-Connection-Notification (RFC 2661 section 6.4). Required: Assigned Tunnel ID (the
/// sender's), Result Code. It clears the tunnel and every session in it.
/// </summary>
public sealed class StopCcn : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.StopCcn;

    public required ushort AssignedTunnelId { get; init; }

    public required L2tpResult ResultCode { get; init; }

    internal static StopCcn Read(ControlAttributes a) => new()
    {
        AssignedTunnelId = Required(a, a.AssignedTunnelId, AvpType.AssignedTunnelId),
        ResultCode = Required(a, a.ResultCode, AvpType.ResultCode),
    };

    protected override void Fill(ControlAttributes a)
    {
        a.AssignedTunnelId = AssignedTunnelId;
        a.ResultCode = ResultCode;
    }
}
