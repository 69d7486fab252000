using System;
using System.Collections.Generic;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// Every AVP RFC 2661 section 4.4 defines, as typed values; null (or false) means absent. One
/// control message decodes into one instance (<see cref="ControlAttributesCodec.Decode"/>), and
/// the encoder writes the present ones, Message Type first. The typed messages in
/// <c>Messages/</c> are validated views over this bag.
/// </summary>
public sealed class ControlAttributes
{
    // Section 4.4.1: AVPs applicable to all control messages.
    public ControlMessageType? MessageType { get; set; }

    /// <summary>The raw value when the Message Type is not one <see cref="ControlMessageType"/> names.</summary>
    public ushort? RawMessageType { get; set; }

    public bool MessageTypeMandatory { get; set; } = true;

    public L2tpResult? ResultCode { get; set; }

    // Section 4.4.3: control connection management.
    public ProtocolVersion? ProtocolVersion { get; set; }

    public L2tpFraming? FramingCapabilities { get; set; }

    public L2tpBearer? BearerCapabilities { get; set; }

    public ulong? TieBreaker { get; set; }

    public ushort? FirmwareRevision { get; set; }

    public string? HostName { get; set; }

    public string? VendorName { get; set; }

    public ushort? AssignedTunnelId { get; set; }

    public ushort? ReceiveWindowSize { get; set; }

    public byte[]? Challenge { get; set; }

    public byte[]? ChallengeResponse { get; set; }

    // Section 4.4.2 (result and error codes) and 4.4.4 (call management).
    public Q931Cause? Q931CauseCode { get; set; }

    public ushort? AssignedSessionId { get; set; }

    public uint? CallSerialNumber { get; set; }

    public uint? MinimumBps { get; set; }

    public uint? MaximumBps { get; set; }

    public L2tpBearer? BearerType { get; set; }

    public L2tpFraming? FramingType { get; set; }

    public string? CalledNumber { get; set; }

    public string? CallingNumber { get; set; }

    public string? SubAddress { get; set; }

    public uint? TxConnectSpeed { get; set; }

    public uint? PhysicalChannelId { get; set; }

    public string? PrivateGroupId { get; set; }

    public uint? RxConnectSpeed { get; set; }

    public bool SequencingRequired { get; set; }

    // Section 4.4.5: proxy LCP and authentication.
    public byte[]? InitialReceivedLcpConfReq { get; set; }

    public byte[]? LastSentLcpConfReq { get; set; }

    public byte[]? LastReceivedLcpConfReq { get; set; }

    public ProxyAuthenType? ProxyAuthenType { get; set; }

    public string? ProxyAuthenName { get; set; }

    public byte[]? ProxyAuthenChallenge { get; set; }

    /// <summary>The CHAP identifier (the second octet; the first is reserved).</summary>
    public byte? ProxyAuthenId { get; set; }

    public byte[]? ProxyAuthenResponse { get; set; }

    // Section 4.4.6: call status.
    public CallErrors? CallErrors { get; set; }

    public AccmValue? Accm { get; set; }

    // Section 4.3: hiding.
    public byte[]? RandomVector { get; set; }

    /// <summary>Attributes that arrived with the H bit and were unhidden (decode only).</summary>
    public ISet<AvpType> HiddenOnReceipt { get; } = new HashSet<AvpType>();

    /// <summary>Unrecognized AVPs without the M bit, skipped as section 4.1 requires (decode only).</summary>
    public IList<UnrecognizedAvp> Skipped { get; } = new List<UnrecognizedAvp>();

    /// <summary>True when the attribute is present in this bag.</summary>
    public bool Has(AvpType type) => type switch
    {
        AvpType.MessageType => MessageType is not null || RawMessageType is not null,
        AvpType.ResultCode => ResultCode is not null,
        AvpType.ProtocolVersion => ProtocolVersion is not null,
        AvpType.FramingCapabilities => FramingCapabilities is not null,
        AvpType.BearerCapabilities => BearerCapabilities is not null,
        AvpType.TieBreaker => TieBreaker is not null,
        AvpType.FirmwareRevision => FirmwareRevision is not null,
        AvpType.HostName => HostName is not null,
        AvpType.VendorName => VendorName is not null,
        AvpType.AssignedTunnelId => AssignedTunnelId is not null,
        AvpType.ReceiveWindowSize => ReceiveWindowSize is not null,
        AvpType.Challenge => Challenge is not null,
        AvpType.Q931CauseCode => Q931CauseCode is not null,
        AvpType.ChallengeResponse => ChallengeResponse is not null,
        AvpType.AssignedSessionId => AssignedSessionId is not null,
        AvpType.CallSerialNumber => CallSerialNumber is not null,
        AvpType.MinimumBps => MinimumBps is not null,
        AvpType.MaximumBps => MaximumBps is not null,
        AvpType.BearerType => BearerType is not null,
        AvpType.FramingType => FramingType is not null,
        AvpType.CalledNumber => CalledNumber is not null,
        AvpType.CallingNumber => CallingNumber is not null,
        AvpType.SubAddress => SubAddress is not null,
        AvpType.TxConnectSpeed => TxConnectSpeed is not null,
        AvpType.PhysicalChannelId => PhysicalChannelId is not null,
        AvpType.InitialReceivedLcpConfReq => InitialReceivedLcpConfReq is not null,
        AvpType.LastSentLcpConfReq => LastSentLcpConfReq is not null,
        AvpType.LastReceivedLcpConfReq => LastReceivedLcpConfReq is not null,
        AvpType.ProxyAuthenType => ProxyAuthenType is not null,
        AvpType.ProxyAuthenName => ProxyAuthenName is not null,
        AvpType.ProxyAuthenChallenge => ProxyAuthenChallenge is not null,
        AvpType.ProxyAuthenId => ProxyAuthenId is not null,
        AvpType.ProxyAuthenResponse => ProxyAuthenResponse is not null,
        AvpType.CallErrors => CallErrors is not null,
        AvpType.Accm => Accm is not null,
        AvpType.RandomVector => RandomVector is not null,
        AvpType.PrivateGroupId => PrivateGroupId is not null,
        AvpType.RxConnectSpeed => RxConnectSpeed is not null,
        AvpType.SequencingRequired => SequencingRequired,
        _ => false,
    };
}
