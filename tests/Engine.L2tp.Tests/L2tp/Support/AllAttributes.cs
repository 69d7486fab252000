using System;
using System.Linq;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.Tests.L2tp.Support;

/// <summary>One value for every AVP of RFC 2661 section 4.4, for tests that need them all in one message.</summary>
public static class AllAttributes
{
    public static ControlAttributes Create(ControlMessageType type) => new()
    {
        MessageType = type,
        ResultCode = new L2tpResult(2, 6, "oops"),
        ProtocolVersion = ProtocolVersion.L2tpV2,
        FramingCapabilities = L2tpFraming.Synchronous | L2tpFraming.Asynchronous,
        BearerCapabilities = L2tpBearer.Analog,
        TieBreaker = 0x0102030405060708,
        FirmwareRevision = 0x0690,
        HostName = "lns",
        VendorName = "IpSecPolicy",
        AssignedTunnelId = 0x1234,
        ReceiveWindowSize = 4,
        Challenge = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(),
        Q931CauseCode = new Q931Cause(0x10, 0x5a, "hi"),
        ChallengeResponse = Enumerable.Range(0xa0, 16).Select(i => (byte)i).ToArray(),
        AssignedSessionId = 0xbeef,
        CallSerialNumber = 1,
        MinimumBps = 9600,
        MaximumBps = 10_000_000,
        BearerType = L2tpBearer.Analog,
        FramingType = L2tpFraming.Synchronous,
        CalledNumber = "5551234",
        CallingNumber = "5550000",
        SubAddress = "7",
        TxConnectSpeed = 10_000_000,
        PhysicalChannelId = 7,
        InitialReceivedLcpConfReq = Hex.Parse("010405dc"),
        LastSentLcpConfReq = Hex.Parse("050612345678"),
        LastReceivedLcpConfReq = Hex.Parse("0702"),
        ProxyAuthenType = ProxyAuthenType.Chap,
        ProxyAuthenName = "bob",
        ProxyAuthenChallenge = Hex.Parse("01020304"),
        ProxyAuthenId = 7,
        ProxyAuthenResponse = Hex.Parse("00112233445566778899aabbccddeeff"),
        CallErrors = new CallErrors(1, 2, 3, 4, 5, 6),
        Accm = new AccmValue(0xffffffff, 0),
        RandomVector = Hex.Parse("deadbeef"),
        PrivateGroupId = "g1",
        RxConnectSpeed = 9600,
        SequencingRequired = true,
    };
}
