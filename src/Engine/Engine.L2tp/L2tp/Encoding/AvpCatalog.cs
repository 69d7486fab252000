using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The RFC 2661 section 4.4 attribute table. Sources per column: the M bit each section asks a
/// sender to set, the sections that say "this AVP MUST NOT be hidden" (or, for Message Type and
/// Random Vector, that cannot be hidden because unhiding needs them), and each section's value
/// layout. Host Name, Protocol Version, Tie Breaker, Receive Window Size, Q.931 Cause Code and
/// Sequencing Required are sent in the clear.
/// </summary>
public static class AvpCatalog
{
    /// <summary>The longest AVP the 10-bit Length field allows, header included.</summary>
    public const int MaximumAvpLength = 1023;

    /// <summary>Vendor ID, attribute type and the flags/length word.</summary>
    public const int HeaderLength = 6;

    private static readonly FrozenDictionary<AvpType, AvpDefinition> Definitions = new AvpDefinition[]
    {
        new(AvpType.MessageType, "Message Type", true, false, 2, 2),
        new(AvpType.ResultCode, "Result Code", true, true, 2, null),
        new(AvpType.ProtocolVersion, "Protocol Version", true, false, 2, 2),
        new(AvpType.FramingCapabilities, "Framing Capabilities", true, true, 4, 4),
        new(AvpType.BearerCapabilities, "Bearer Capabilities", true, true, 4, 4),
        new(AvpType.TieBreaker, "Tie Breaker", false, false, 8, 8),
        new(AvpType.FirmwareRevision, "Firmware Revision", false, true, 2, 2),
        new(AvpType.HostName, "Host Name", true, false, 1, null),
        new(AvpType.VendorName, "Vendor Name", false, true, 0, null),
        new(AvpType.AssignedTunnelId, "Assigned Tunnel ID", true, true, 2, 2),
        new(AvpType.ReceiveWindowSize, "Receive Window Size", true, false, 2, 2),
        new(AvpType.Challenge, "Challenge", true, true, 1, null),
        new(AvpType.Q931CauseCode, "Q.931 Cause Code", true, false, 3, null),
        new(AvpType.ChallengeResponse, "Challenge Response", true, true, 16, 16),
        new(AvpType.AssignedSessionId, "Assigned Session ID", true, true, 2, 2),
        new(AvpType.CallSerialNumber, "Call Serial Number", true, true, 4, 4),
        new(AvpType.MinimumBps, "Minimum BPS", true, true, 4, 4),
        new(AvpType.MaximumBps, "Maximum BPS", true, true, 4, 4),
        new(AvpType.BearerType, "Bearer Type", true, true, 4, 4),
        new(AvpType.FramingType, "Framing Type", true, true, 4, 4),
        new(AvpType.CalledNumber, "Called Number", true, true, 0, null),
        new(AvpType.CallingNumber, "Calling Number", true, true, 0, null),
        new(AvpType.SubAddress, "Sub-Address", true, true, 0, null),
        new(AvpType.TxConnectSpeed, "(Tx) Connect Speed", true, true, 4, 4),
        new(AvpType.PhysicalChannelId, "Physical Channel ID", false, true, 4, 4),
        new(AvpType.InitialReceivedLcpConfReq, "Initial Received LCP CONFREQ", false, true, 0, null),
        new(AvpType.LastSentLcpConfReq, "Last Sent LCP CONFREQ", false, true, 0, null),
        new(AvpType.LastReceivedLcpConfReq, "Last Received LCP CONFREQ", false, true, 0, null),
        new(AvpType.ProxyAuthenType, "Proxy Authen Type", false, true, 2, 2),
        new(AvpType.ProxyAuthenName, "Proxy Authen Name", false, true, 0, null),
        new(AvpType.ProxyAuthenChallenge, "Proxy Authen Challenge", false, true, 0, null),
        new(AvpType.ProxyAuthenId, "Proxy Authen ID", false, true, 2, 2),
        new(AvpType.ProxyAuthenResponse, "Proxy Authen Response", false, true, 0, null),
        new(AvpType.CallErrors, "Call Errors", true, true, 26, 26),
        new(AvpType.Accm, "ACCM", true, true, 10, 10),
        new(AvpType.RandomVector, "Random Vector", true, false, 1, null),
        new(AvpType.PrivateGroupId, "Private Group ID", false, true, 0, null),
        new(AvpType.RxConnectSpeed, "Rx Connect Speed", false, true, 4, 4),
        new(AvpType.SequencingRequired, "Sequencing Required", true, false, 0, 0),
    }.ToFrozenDictionary(definition => definition.Type);

    /// <summary>Every attribute RFC 2661 defines, in attribute-type order.</summary>
    public static IEnumerable<AvpDefinition> All => Definitions.Values.OrderBy(definition => definition.Type);

    /// <summary>The definition of an IETF attribute type, or false for an unknown (or reserved) type.</summary>
    public static bool TryGet(ushort type, out AvpDefinition definition) =>
        Definitions.TryGetValue((AvpType)type, out definition!);

    public static AvpDefinition Get(AvpType type) => Definitions[type];
}
