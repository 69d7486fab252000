using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Start-Control-Connection-Request (RFC 2661 section 6.1). Required: Protocol Version, Host
/// Name, Framing Capabilities, Assigned Tunnel ID. Optional: Bearer Capabilities, Receive Window
/// Size, Challenge, Tie Breaker, Firmware Revision, Vendor Name.
/// </summary>
public sealed class Sccrq : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Sccrq;

    public ProtocolVersion ProtocolVersion { get; init; } = ProtocolVersion.L2tpV2;

    public required string HostName { get; init; }

    public required L2tpFraming FramingCapabilities { get; init; }

    public required ushort AssignedTunnelId { get; init; }

    public L2tpBearer? BearerCapabilities { get; init; }

    public ushort? ReceiveWindowSize { get; init; }

    public byte[]? Challenge { get; init; }

    public ulong? TieBreaker { get; init; }

    public ushort? FirmwareRevision { get; init; }

    public string? VendorName { get; init; }

    internal static Sccrq Read(ControlAttributes a) => new()
    {
        ProtocolVersion = SupportedVersion(a),
        HostName = Required(a, a.HostName, AvpType.HostName),
        FramingCapabilities = Required(a, a.FramingCapabilities, AvpType.FramingCapabilities),
        AssignedTunnelId = NonZero(a, a.AssignedTunnelId, AvpType.AssignedTunnelId),
        BearerCapabilities = a.BearerCapabilities,
        ReceiveWindowSize = a.ReceiveWindowSize,
        Challenge = a.Challenge,
        TieBreaker = a.TieBreaker,
        FirmwareRevision = a.FirmwareRevision,
        VendorName = a.VendorName,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.ProtocolVersion = ProtocolVersion;
        a.HostName = HostName;
        a.FramingCapabilities = FramingCapabilities;
        a.AssignedTunnelId = AssignedTunnelId;
        a.BearerCapabilities = BearerCapabilities;
        a.ReceiveWindowSize = ReceiveWindowSize;
        a.Challenge = Challenge;
        a.TieBreaker = TieBreaker;
        a.FirmwareRevision = FirmwareRevision;
        a.VendorName = VendorName;
    }
}
