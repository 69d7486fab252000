using System;
using System.Linq;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Messages;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Messages;

/// <summary>The typed control messages and the required AVPs RFC 2661 section 6 lists for each.</summary>
public sealed class ControlMessageTests
{
    public static TheoryData<ControlMessage> Messages => new(AllMessages());

    private static ControlMessage[] AllMessages() =>
    [
        new Sccrq
        {
            HostName = "lac", FramingCapabilities = L2tpFraming.Synchronous | L2tpFraming.Asynchronous, AssignedTunnelId = 0x1111,
            BearerCapabilities = L2tpBearer.None, ReceiveWindowSize = 8, Challenge = new byte[16], TieBreaker = 5, FirmwareRevision = 0x0601, VendorName = "Microsoft",
        },
        new Sccrp
        {
            HostName = "lns", FramingCapabilities = L2tpFraming.Synchronous, AssignedTunnelId = 0x2222, ReceiveWindowSize = 4,
            Challenge = new byte[8], ChallengeResponse = new byte[16], FirmwareRevision = 0x0100, VendorName = "IpSecPolicy", BearerCapabilities = L2tpBearer.None,
        },
        new Scccn { ChallengeResponse = new byte[16] },
        new StopCcn { AssignedTunnelId = 0x2222, ResultCode = L2tpResult.StopCcn(StopCcnResultCode.GeneralRequest) },
        new Hello(),
        new Ocrq
        {
            AssignedSessionId = 3, CallSerialNumber = 4, MinimumBps = 9600, MaximumBps = 56000, BearerType = L2tpBearer.Digital,
            FramingType = L2tpFraming.Synchronous, CalledNumber = "5551234", SubAddress = "1",
        },
        new Ocrp { AssignedSessionId = 3, PhysicalChannelId = 9 },
        new Occn { TxConnectSpeed = 56000, FramingType = L2tpFraming.Synchronous, RxConnectSpeed = 33600, SequencingRequired = true },
        new Icrq { AssignedSessionId = 0x3333, CallSerialNumber = 1, BearerType = L2tpBearer.Analog, PhysicalChannelId = 2, CallingNumber = "100", CalledNumber = "200", SubAddress = "3" },
        new Icrp { AssignedSessionId = 0x4444 },
        new Iccn
        {
            TxConnectSpeed = 10_000_000, FramingType = L2tpFraming.Asynchronous, InitialReceivedLcpConfReq = Hex.Parse("010405dc"),
            LastSentLcpConfReq = Hex.Parse("0506cafebabe"), LastReceivedLcpConfReq = Hex.Parse("0702"), ProxyAuthenType = ProxyAuthenType.Chap,
            ProxyAuthenName = "bob", ProxyAuthenChallenge = new byte[16], ProxyAuthenId = 1, ProxyAuthenResponse = new byte[16],
            PrivateGroupId = "staff", RxConnectSpeed = 9600, SequencingRequired = true,
        },
        new Cdn { ResultCode = L2tpResult.Cdn(CdnResultCode.Administrative), AssignedSessionId = 0x4444, Q931CauseCode = new Q931Cause(16, 0x5a) },
        new Wen { CallErrors = new CallErrors(1, 2, 3, 4, 5, 6) },
        new Sli { Accm = new AccmValue(0xffffffff, 0x000a0000) },
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void EveryMessageRoundTripsWithAllItsAvps(ControlMessage message)
    {
        var body = message.Encode();
        var decoded = ControlMessage.Decode(body, default);

        Assert.NotNull(decoded);
        Assert.Equal(message.GetType(), decoded.GetType());
        Assert.Equal(Hex.Format(body), Hex.Format(decoded.Encode()));
        Assert.Equal(message.Type, decoded.Received!.MessageType);
    }

    [Fact]
    public void EveryMessageTypeOfTheRfcHasATypedMessage()
    {
        var typed = AllMessages().Select(message => message.Type).ToHashSet();
        Assert.Equal(Enum.GetValues<ControlMessageType>().ToHashSet(), typed);
    }

    /// <summary>Each required AVP of section 6, removed from an otherwise valid message.</summary>
    public static TheoryData<ControlMessageType, AvpType> RequiredAvps => new()
    {
        { ControlMessageType.Sccrq, AvpType.ProtocolVersion },
        { ControlMessageType.Sccrq, AvpType.HostName },
        { ControlMessageType.Sccrq, AvpType.FramingCapabilities },
        { ControlMessageType.Sccrq, AvpType.AssignedTunnelId },
        { ControlMessageType.Sccrp, AvpType.ProtocolVersion },
        { ControlMessageType.Sccrp, AvpType.FramingCapabilities },
        { ControlMessageType.Sccrp, AvpType.HostName },
        { ControlMessageType.Sccrp, AvpType.AssignedTunnelId },
        { ControlMessageType.StopCcn, AvpType.AssignedTunnelId },
        { ControlMessageType.StopCcn, AvpType.ResultCode },
        { ControlMessageType.Ocrq, AvpType.AssignedSessionId },
        { ControlMessageType.Ocrq, AvpType.CallSerialNumber },
        { ControlMessageType.Ocrq, AvpType.MinimumBps },
        { ControlMessageType.Ocrq, AvpType.MaximumBps },
        { ControlMessageType.Ocrq, AvpType.BearerType },
        { ControlMessageType.Ocrq, AvpType.FramingType },
        { ControlMessageType.Ocrq, AvpType.CalledNumber },
        { ControlMessageType.Ocrp, AvpType.AssignedSessionId },
        { ControlMessageType.Occn, AvpType.TxConnectSpeed },
        { ControlMessageType.Occn, AvpType.FramingType },
        { ControlMessageType.Icrq, AvpType.AssignedSessionId },
        { ControlMessageType.Icrq, AvpType.CallSerialNumber },
        { ControlMessageType.Icrp, AvpType.AssignedSessionId },
        { ControlMessageType.Iccn, AvpType.TxConnectSpeed },
        { ControlMessageType.Iccn, AvpType.FramingType },
        { ControlMessageType.Cdn, AvpType.ResultCode },
        { ControlMessageType.Cdn, AvpType.AssignedSessionId },
        { ControlMessageType.Wen, AvpType.CallErrors },
        { ControlMessageType.Sli, AvpType.Accm },
    };

    [Theory]
    [MemberData(nameof(RequiredAvps))]
    public void MissingRequiredAvpIsRefusedWithTheScopeOfItsMessage(ControlMessageType type, AvpType missing)
    {
        var message = AllMessages().Single(candidate => candidate.Type == type);
        var attributes = message.ToAttributes();
        Remove(attributes, missing);
        var body = ControlAttributesCodec.Encode(attributes);

        var refusal = Assert.Throws<L2tpProtocolException>(() => ControlMessage.Decode(body, default));

        var tunnelMessage = type is ControlMessageType.Sccrq or ControlMessageType.Sccrp or ControlMessageType.StopCcn;
        Assert.Equal(tunnelMessage ? L2tpFailureScope.Tunnel : L2tpFailureScope.Session, refusal.Scope);
        Assert.Equal(2, refusal.Result.Result);
        Assert.Equal((ushort)L2tpErrorCode.VendorSpecific, refusal.Result.Error);
        Assert.Contains(AvpCatalog.Get(missing).Name, refusal.Result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(type, refusal.MessageType);
    }

    [Fact]
    public void OtherProtocolVersionsAreRefusedWithResultFiveAndTheHighestVersionSupported()
    {
        var attributes = new Sccrq { HostName = "lac", FramingCapabilities = L2tpFraming.Synchronous, AssignedTunnelId = 1 }.ToAttributes();
        attributes.ProtocolVersion = new ProtocolVersion(2, 0);

        var refusal = Assert.Throws<L2tpProtocolException>(() => ControlMessage.Decode(ControlAttributesCodec.Encode(attributes), default));

        Assert.Equal((ushort)StopCcnResultCode.UnsupportedVersion, refusal.Result.Result);
        Assert.Equal((ushort)0x0100, refusal.Result.Error);
    }

    [Fact]
    public void AssignedTunnelIdZeroIsOutOfRange()
    {
        var attributes = new Sccrq { HostName = "lac", FramingCapabilities = L2tpFraming.Synchronous, AssignedTunnelId = 1 }.ToAttributes();
        attributes.AssignedTunnelId = 0;

        var refusal = Assert.Throws<L2tpProtocolException>(() => ControlMessage.Decode(ControlAttributesCodec.Encode(attributes), default));

        Assert.Equal((ushort)L2tpErrorCode.FieldOutOfRange, refusal.Result.Error);
    }

    [Fact]
    public void UnknownMessageTypeWithoutMandatoryBitDecodesToNothing()
    {
        Assert.Null(ControlMessage.Decode(Hex.Parse("0008 0000 0000 0005"), default));
    }

    [Fact]
    public void ScccnAndHelloHaveNoRequiredAvps()
    {
        Assert.IsType<Scccn>(ControlMessage.Decode(Hex.Parse("8008 0000 0000 0003"), default));
        Assert.IsType<Hello>(ControlMessage.Decode(Hex.Parse("8008 0000 0000 0006"), default));
    }

    [Fact]
    public void ResultCodeMessageNeedsAnErrorCode()
    {
        var cdn = new Cdn { ResultCode = new L2tpResult(2, null, "text"), AssignedSessionId = 1 };
        Assert.Throws<ArgumentException>(() => cdn.Encode());
    }

    private static void Remove(ControlAttributes a, AvpType type)
    {
        switch (type)
        {
            case AvpType.ProtocolVersion: a.ProtocolVersion = null; break;
            case AvpType.HostName: a.HostName = null; break;
            case AvpType.FramingCapabilities: a.FramingCapabilities = null; break;
            case AvpType.AssignedTunnelId: a.AssignedTunnelId = null; break;
            case AvpType.ResultCode: a.ResultCode = null; break;
            case AvpType.AssignedSessionId: a.AssignedSessionId = null; break;
            case AvpType.CallSerialNumber: a.CallSerialNumber = null; break;
            case AvpType.MinimumBps: a.MinimumBps = null; break;
            case AvpType.MaximumBps: a.MaximumBps = null; break;
            case AvpType.BearerType: a.BearerType = null; break;
            case AvpType.FramingType: a.FramingType = null; break;
            case AvpType.CalledNumber: a.CalledNumber = null; break;
            case AvpType.TxConnectSpeed: a.TxConnectSpeed = null; break;
            case AvpType.CallErrors: a.CallErrors = null; break;
            case AvpType.Accm: a.Accm = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
