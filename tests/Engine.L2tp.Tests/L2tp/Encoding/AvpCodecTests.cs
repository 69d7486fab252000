using System;
using System.Linq;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Encoding;

/// <summary>
/// Every AVP of RFC 2661 section 4.4 on golden bytes. Each vector is laid out by hand from the
/// section 4.1 diagram (M and H bits, 10-bit Length including the 6-octet header, Vendor ID 0,
/// Attribute Type) and the value layout of the AVP's own section; they are encoded inside a
/// HELLO (Message Type 6, which comes first) and decoded back.
/// </summary>
public sealed class AvpCodecTests
{
    private const string HelloMessageType = "8008 0000 0000 0006";

    public static TheoryData<string, string> Vectors => new()
    {
        { "ResultCode", "800e 0000 0001 0002 0006 6f6f7073" },
        { "ResultCodeAlone", "8008 0000 0001 0001" },
        { "ProtocolVersion", "8008 0000 0002 0100" },
        { "FramingCapabilities", "800a 0000 0003 00000003" },
        { "BearerCapabilities", "800a 0000 0004 00000000" },
        { "TieBreaker", "000e 0000 0005 0102030405060708" },
        { "FirmwareRevision", "0008 0000 0006 0690" },
        { "HostName", "8009 0000 0007 6c6e73" },
        { "VendorName", "0011 0000 0008 4970536563506f6c696379" },
        { "AssignedTunnelId", "8008 0000 0009 1234" },
        { "ReceiveWindowSize", "8008 0000 000a 0004" },
        { "Challenge", "8016 0000 000b 000102030405060708090a0b0c0d0e0f" },
        { "Q931CauseCode", "800b 0000 000c 0010 5a 6869" },
        { "ChallengeResponse", "8016 0000 000d a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" },
        { "AssignedSessionId", "8008 0000 000e beef" },
        { "CallSerialNumber", "800a 0000 000f 00000001" },
        { "MinimumBps", "800a 0000 0010 00002580" },
        { "MaximumBps", "800a 0000 0011 00989680" },
        { "BearerType", "800a 0000 0012 00000002" },
        { "FramingType", "800a 0000 0013 00000001" },
        { "CalledNumber", "800d 0000 0015 35353531323334" },
        { "CallingNumber", "8006 0000 0016" },
        { "SubAddress", "8007 0000 0017 37" },
        { "TxConnectSpeed", "800a 0000 0018 00989680" },
        { "PhysicalChannelId", "000a 0000 0019 00000007" },
        { "InitialReceivedLcpConfReq", "000a 0000 001a 010405dc" },
        { "LastSentLcpConfReq", "000c 0000 001b 050612345678" },
        { "LastReceivedLcpConfReq", "0008 0000 001c 0702" },
        { "ProxyAuthenType", "0008 0000 001d 0002" },
        { "ProxyAuthenName", "0009 0000 001e 626f62" },
        { "ProxyAuthenChallenge", "000a 0000 001f 01020304" },
        { "ProxyAuthenId", "0008 0000 0020 0007" },
        { "ProxyAuthenResponse", "0016 0000 0021 00112233445566778899aabbccddeeff" },
        { "CallErrors", "8020 0000 0022 0000 00000001 00000002 00000003 00000004 00000005 00000006" },
        { "Accm", "8010 0000 0023 0000 ffffffff 00000000" },
        { "RandomVector", "800a 0000 0024 deadbeef" },
        { "PrivateGroupId", "0008 0000 0025 6731" },
        { "RxConnectSpeed", "000a 0000 0026 00002580" },
        { "SequencingRequired", "8006 0000 0027" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EachAvpEncodesToItsGoldenBytes(string name, string avpHex)
    {
        var attributes = new ControlAttributes { MessageType = ControlMessageType.Hello };
        Set(attributes, name);

        var body = ControlAttributesCodec.Encode(attributes);

        Assert.Equal(Hex.Format(Hex.Parse(HelloMessageType + avpHex)), Hex.Format(body));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EachAvpDecodesFromItsGoldenBytes(string name, string avpHex)
    {
        var decoded = ControlAttributesCodec.Decode(Hex.Parse(HelloMessageType + avpHex), default);
        var expected = new ControlAttributes { MessageType = ControlMessageType.Hello };
        Set(expected, name);

        Assert.Equal(ControlMessageType.Hello, decoded.MessageType);
        Assert.Empty(decoded.Skipped);
        Assert.Equal(Hex.Format(ControlAttributesCodec.Encode(expected)), Hex.Format(ControlAttributesCodec.Encode(decoded)));
    }

    [Fact]
    public void EveryDefinedAttributeHasAVector()
    {
        // The Message Type vector is the HELLO prefix every row starts with.
        var covered = Vectors.Select(row => (AvpType)Hex.Parse((string)row[1])[5]).Append(AvpType.MessageType).ToHashSet();
        Assert.Equal(AvpCatalog.All.Select(definition => definition.Type).ToHashSet(), covered);
    }

    [Fact]
    public void MessageTypeMustComeFirst()
    {
        var body = Hex.Parse("8009 0000 0007 6c6e73" + HelloMessageType);
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(body, default));
        Assert.Equal(L2tpFailureScope.Datagram, failure.Scope);
    }

    [Fact]
    public void UnknownAvpWithoutMandatoryBitIsSkipped()
    {
        // Vendor 311 (Microsoft) attribute 1, M clear, then a Host Name that must still be read.
        var body = Hex.Parse(HelloMessageType + "000a 0137 0001 00000000" + "8009 0000 0007 6c6e73");
        var decoded = ControlAttributesCodec.Decode(body, default);

        Assert.Equal("lns", decoded.HostName);
        var skipped = Assert.Single(decoded.Skipped);
        Assert.Equal((311, 1, false), (skipped.VendorId, skipped.AttributeType, skipped.Mandatory));
    }

    [Fact]
    public void UnknownMandatoryAvpRefusesATunnelMessageWithStopCcnErrorEight()
    {
        // Section 4.1: M set on an unrecognized AVP in a tunnel message clears the tunnel.
        var body = Hex.Parse("8008 0000 0000 0001" + "8008 0000 0063 0000" + "8009 0000 0007 6c6e73");
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(body, default));

        Assert.Equal(L2tpFailureScope.Tunnel, failure.Scope);
        Assert.Equal((ushort)StopCcnResultCode.GeneralError, failure.Result.Result);
        Assert.Equal((ushort)L2tpErrorCode.UnknownMandatoryAvp, failure.Result.Error);
        Assert.Contains("99", failure.Result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("lns", failure.Attributes!.HostName);
    }

    [Fact]
    public void UnknownMandatoryAvpRefusesACallMessageWithCdnErrorEight()
    {
        // An ICRQ (10) with an unknown mandatory vendor AVP: the session, not the tunnel, goes.
        var body = Hex.Parse("8008 0000 0000 000a" + "8008 0000 000e 0042" + "8007 0009 0001 ff");
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(body, default));

        Assert.Equal(L2tpFailureScope.Session, failure.Scope);
        Assert.Equal((ushort)CdnResultCode.GeneralError, failure.Result.Result);
        Assert.Equal((ushort)L2tpErrorCode.UnknownMandatoryAvp, failure.Result.Error);
        Assert.Equal((ushort)0x42, failure.Attributes!.AssignedSessionId);
    }

    [Fact]
    public void ReservedFlagBitsMakeAnAvpUnrecognized()
    {
        // 0x2008: a reserved bit set on a Host Name; without M it is skipped, not read.
        var body = Hex.Parse(HelloMessageType + "2009 0000 0007 6c6e73");
        var decoded = ControlAttributesCodec.Decode(body, default);
        Assert.Null(decoded.HostName);
        Assert.Single(decoded.Skipped);

        var mandatory = Hex.Parse(HelloMessageType + "a009 0000 0007 6c6e73");
        Assert.Equal(L2tpFailureScope.Tunnel, Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(mandatory, default)).Scope);
    }

    [Fact]
    public void UnknownMessageTypeWithoutMandatoryBitIsIgnored()
    {
        var decoded = ControlAttributesCodec.Decode(Hex.Parse("0008 0000 0000 0063"), default);
        Assert.Null(decoded.MessageType);
        Assert.Equal((ushort)99, decoded.RawMessageType);
    }

    [Fact]
    public void UnknownMessageTypeWithMandatoryBitClearsTheTunnel()
    {
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(Hex.Parse("8008 0000 0000 0063"), default));
        Assert.Equal(L2tpFailureScope.Tunnel, failure.Scope);
    }

    [Theory]
    [InlineData("8008 0000 0002 01", "AVP at offset 8")]
    [InlineData("8005 0000 0002 0100", "outside 6")]
    [InlineData("8020 0000 0002 0100", "outside 6")]
    [InlineData("80", "too few")]
    public void AvpLengthErrorsAreTypedRefusals(string avpHex, string reason)
    {
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(Hex.Parse(HelloMessageType + avpHex), default));
        Assert.Equal(L2tpFailureScope.Tunnel, failure.Scope);
        Assert.Equal((ushort)L2tpErrorCode.LengthWrong, failure.Result.Error);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8007 0000 0002 01", "Protocol Version")]
    [InlineData("8009 0000 0009 123456", "Assigned Tunnel ID")]
    [InlineData("8009 0000 0001 000100", "Result Code")]
    [InlineData("800e 0000 0023 0000 ffffffff 0000", "ACCM")]
    [InlineData("8006 0000 0007", "Host Name")]
    [InlineData("8007 0000 0027 00", "Sequencing Required")]
    public void WrongValueLengthsAreRefusedAsLengthWrong(string avpHex, string name)
    {
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(Hex.Parse(HelloMessageType + avpHex), default));
        Assert.Equal((ushort)L2tpErrorCode.LengthWrong, failure.Result.Error);
        Assert.Contains(name, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationOfAMessageIsATypedFailureNeverACrash()
    {
        var attributes = new ControlAttributes { MessageType = ControlMessageType.Hello, HostName = "lns", AssignedTunnelId = 7, Challenge = new byte[16] };
        var body = ControlAttributesCodec.Encode(attributes);
        for (var length = 0; length < body.Length; length++)
        {
            var cut = body[..length];
            var outcome = Record.Exception(() => ControlAttributesCodec.Decode(cut, default));
            if (outcome is not null)
            {
                Assert.IsType<L2tpProtocolException>(outcome);
            }
        }
    }

    private static void Set(ControlAttributes a, string name)
    {
        switch (name)
        {
            case "ResultCode": a.ResultCode = new L2tpResult(2, 6, "oops"); break;
            case "ResultCodeAlone": a.ResultCode = new L2tpResult(1); break;
            case "ProtocolVersion": a.ProtocolVersion = ProtocolVersion.L2tpV2; break;
            case "FramingCapabilities": a.FramingCapabilities = L2tpFraming.Synchronous | L2tpFraming.Asynchronous; break;
            case "BearerCapabilities": a.BearerCapabilities = L2tpBearer.None; break;
            case "TieBreaker": a.TieBreaker = 0x0102030405060708; break;
            case "FirmwareRevision": a.FirmwareRevision = 0x0690; break;
            case "HostName": a.HostName = "lns"; break;
            case "VendorName": a.VendorName = "IpSecPolicy"; break;
            case "AssignedTunnelId": a.AssignedTunnelId = 0x1234; break;
            case "ReceiveWindowSize": a.ReceiveWindowSize = 4; break;
            case "Challenge": a.Challenge = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(); break;
            case "Q931CauseCode": a.Q931CauseCode = new Q931Cause(0x10, 0x5a, "hi"); break;
            case "ChallengeResponse": a.ChallengeResponse = Enumerable.Range(0xa0, 16).Select(i => (byte)i).ToArray(); break;
            case "AssignedSessionId": a.AssignedSessionId = 0xbeef; break;
            case "CallSerialNumber": a.CallSerialNumber = 1; break;
            case "MinimumBps": a.MinimumBps = 9600; break;
            case "MaximumBps": a.MaximumBps = 10_000_000; break;
            case "BearerType": a.BearerType = L2tpBearer.Analog; break;
            case "FramingType": a.FramingType = L2tpFraming.Synchronous; break;
            case "CalledNumber": a.CalledNumber = "5551234"; break;
            case "CallingNumber": a.CallingNumber = string.Empty; break;
            case "SubAddress": a.SubAddress = "7"; break;
            case "TxConnectSpeed": a.TxConnectSpeed = 10_000_000; break;
            case "PhysicalChannelId": a.PhysicalChannelId = 7; break;
            case "InitialReceivedLcpConfReq": a.InitialReceivedLcpConfReq = Hex.Parse("010405dc"); break;
            case "LastSentLcpConfReq": a.LastSentLcpConfReq = Hex.Parse("050612345678"); break;
            case "LastReceivedLcpConfReq": a.LastReceivedLcpConfReq = Hex.Parse("0702"); break;
            case "ProxyAuthenType": a.ProxyAuthenType = ProxyAuthenType.Chap; break;
            case "ProxyAuthenName": a.ProxyAuthenName = "bob"; break;
            case "ProxyAuthenChallenge": a.ProxyAuthenChallenge = Hex.Parse("01020304"); break;
            case "ProxyAuthenId": a.ProxyAuthenId = 7; break;
            case "ProxyAuthenResponse": a.ProxyAuthenResponse = Hex.Parse("00112233445566778899aabbccddeeff"); break;
            case "CallErrors": a.CallErrors = new CallErrors(1, 2, 3, 4, 5, 6); break;
            case "Accm": a.Accm = new AccmValue(0xffffffff, 0); break;
            case "RandomVector": a.RandomVector = Hex.Parse("deadbeef"); break;
            case "PrivateGroupId": a.PrivateGroupId = "g1"; break;
            case "RxConnectSpeed": a.RxConnectSpeed = 9600; break;
            case "SequencingRequired": a.SequencingRequired = true; break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }
}
