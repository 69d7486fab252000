using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// Start-Control-Connection-Reply (RFC 2661 section 6.2). Required: Protocol Version, Framing
/// Capabilities, Host Name, Assigned Tunnel ID. Optional: Bearer Capabilities, Firmware Revision,
/// Vendor Name, Receive Window Size, Challenge, Challenge Response.
/// </summary>
public sealed class Sccrp : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Sccrp;

    public ProtocolVersion ProtocolVersion { get; init; } = ProtocolVersion.L2tpV2;

    public required L2tpFraming FramingCapabilities { get; init; }

    public required string HostName { get; init; }

    public required ushort AssignedTunnelId { get; init; }

    public L2tpBearer? BearerCapabilities { get; init; }

    public ushort? FirmwareRevision { get; init; }

    public string? VendorName { get; init; }

    public ushort? ReceiveWindowSize { get; init; }

    public byte[]? Challenge { get; init; }

    public byte[]? ChallengeResponse { get; init; }

    internal static Sccrp Read(ControlAttributes a) => new()
    {
        ProtocolVersion = SupportedVersion(a),
        FramingCapabilities = Required(a, a.FramingCapabilities, AvpType.FramingCapabilities),
        HostName = Required(a, a.HostName, AvpType.HostName),
        AssignedTunnelId = NonZero(a, a.AssignedTunnelId, AvpType.AssignedTunnelId),
        BearerCapabilities = a.BearerCapabilities,
        FirmwareRevision = a.FirmwareRevision,
        VendorName = a.VendorName,
        ReceiveWindowSize = a.ReceiveWindowSize,
        Challenge = a.Challenge,
        ChallengeResponse = a.ChallengeResponse,
    };

    protected override void Fill(ControlAttributes a)
    {
        a.ProtocolVersion = ProtocolVersion;
        a.FramingCapabilities = FramingCapabilities;
        a.HostName = HostName;
        a.AssignedTunnelId = AssignedTunnelId;
        a.BearerCapabilities = BearerCapabilities;
        a.FirmwareRevision = FirmwareRevision;
        a.VendorName = VendorName;
        a.ReceiveWindowSize = ReceiveWindowSize;
        a.Challenge = Challenge;
        a.ChallengeResponse = ChallengeResponse;
    }
}
