using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// Decodes a control message body into <see cref="ControlAttributes"/> and encodes one back.
/// Decoding enforces section 4.1 (Message Type first and in the clear; unknown AVPs skipped
/// without the M bit and refused with it; reserved flag bits make an AVP unrecognized), section
/// 4.3 (hidden values unhidden with the shared secret and the preceding Random Vector) and every
/// value's length from section 4.4. Refusals are <see cref="L2tpProtocolException"/>s scoped by
/// the message type: tunnel messages clear the tunnel, call messages the session.
/// </summary>
public static class ControlAttributesCodec
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The scope a refusal of this message type has (section 4.1).</summary>
    public static L2tpFailureScope ScopeOf(ControlMessageType type) => type switch
    {
        ControlMessageType.Sccrq or ControlMessageType.Sccrp or ControlMessageType.Scccn
            or ControlMessageType.StopCcn or ControlMessageType.Hello => L2tpFailureScope.Tunnel,
        _ => L2tpFailureScope.Session,
    };

    /// <summary>
    /// Decodes one control message body (not a ZLB: it must hold at least the Message Type AVP).
    /// <paramref name="secret"/> is the tunnel's shared secret, empty when none is configured.
    /// An unknown message type without the M bit decodes with a null <see cref="ControlAttributes.MessageType"/>
    /// (section 4.4.1: the message is ignored); with the M bit it refuses the tunnel.
    /// </summary>
    public static ControlAttributes Decode(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        var attributes = new ControlAttributes();
        var reader = new AvpReader(body);
        if (!reader.TryReadNext(out var first))
        {
            throw L2tpProtocolException.Malformed("a control message without AVPs is a ZLB acknowledgment, not a message");
        }

        if (first.VendorId != 0 || first.AttributeType != (ushort)AvpType.MessageType || first.ReservedBitsSet)
        {
            throw L2tpProtocolException.Malformed("the first AVP of a control message must be the Message Type (section 4.4.1)");
        }

        if (first.Hidden || first.Value.Length != 2)
        {
            throw L2tpProtocolException.Malformed("the Message Type AVP must be 2 octets in the clear");
        }

        var rawType = BinaryPrimitives.ReadUInt16BigEndian(first.Value);
        attributes.RawMessageType = rawType;
        attributes.MessageTypeMandatory = first.Mandatory;
        if (!Enum.IsDefined((ControlMessageType)rawType))
        {
            if (first.Mandatory)
            {
                var text = $"unknown message type {rawType} with the M bit set";
                throw new L2tpProtocolException(L2tpFailureScope.Tunnel,
                    L2tpResult.StopCcn(StopCcnResultCode.GeneralError, L2tpErrorCode.UnknownMandatoryAvp, text), text)
                {
                    Attributes = attributes,
                };
            }

            return attributes;
        }

        var messageType = (ControlMessageType)rawType;
        attributes.MessageType = messageType;
        var scope = ScopeOf(messageType);
        UnrecognizedAvp? unknownMandatory = null;
        ReadOnlySpan<byte> randomVector = default;
        try
        {
            while (reader.TryReadNext(out var avp))
            {
                if (!avp.IsKnown)
                {
                    var unrecognized = new UnrecognizedAvp(avp.VendorId, avp.AttributeType, avp.Mandatory, avp.Hidden, avp.Value.Length);
                    if (avp.Mandatory)
                    {
                        unknownMandatory ??= unrecognized;
                    }
                    else
                    {
                        attributes.Skipped.Add(unrecognized);
                    }

                    continue;
                }

                var definition = AvpCatalog.Get((AvpType)avp.AttributeType);
                if (definition.Type == AvpType.MessageType)
                {
                    throw Refuse(scope, messageType, attributes, L2tpErrorCode.FieldOutOfRange, "a second Message Type AVP");
                }

                var value = avp.Value;
                if (avp.Hidden)
                {
                    if (!definition.MayBeHidden)
                    {
                        throw Refuse(scope, messageType, attributes, L2tpErrorCode.FieldOutOfRange, $"the {definition.Name} AVP must not be hidden");
                    }

                    if (secret.IsEmpty)
                    {
                        if (!avp.Mandatory)
                        {
                            attributes.Skipped.Add(new UnrecognizedAvp(0, avp.AttributeType, false, true, value.Length));
                            continue;
                        }

                        throw Refuse(scope, messageType, attributes, L2tpErrorCode.VendorSpecific,
                            $"the {definition.Name} AVP is hidden but no shared secret is configured");
                    }

                    if (randomVector.IsEmpty)
                    {
                        throw Refuse(scope, messageType, attributes, L2tpErrorCode.FieldOutOfRange,
                            $"the hidden {definition.Name} AVP is not preceded by a Random Vector AVP (section 4.3)");
                    }

                    var scratch = new byte[value.Length];
                    if (!AvpHiding.TryUnhide(avp.AttributeType, secret, randomVector, value, scratch, out value))
                    {
                        throw Refuse(scope, messageType, attributes, L2tpErrorCode.VendorSpecific,
                            $"the hidden {definition.Name} AVP does not unhide: the shared secrets differ");
                    }

                    attributes.HiddenOnReceipt.Add(definition.Type);
                }

                if (!definition.AcceptsLength(value.Length))
                {
                    var expected = definition.ExactLength is { } exact
                        ? exact.ToString(CultureInfo.InvariantCulture)
                        : "at least " + definition.MinimumLength.ToString(CultureInfo.InvariantCulture);
                    throw Refuse(scope, messageType, attributes, L2tpErrorCode.LengthWrong,
                        $"the {definition.Name} AVP carries {value.Length} octets, expected {expected}");
                }

                Assign(attributes, definition.Type, value, scope, messageType);
                if (definition.Type == AvpType.RandomVector)
                {
                    randomVector = avp.Value;
                }
            }
        }
        catch (L2tpProtocolException malformed) when (malformed.Scope == L2tpFailureScope.Datagram)
        {
            throw new L2tpProtocolException(scope, Result(scope, malformed.Result.Error is { } error ? (L2tpErrorCode)error : L2tpErrorCode.LengthWrong, malformed.Message), malformed.Message)
            {
                MessageType = messageType,
                Attributes = attributes,
            };
        }

        if (unknownMandatory is not null)
        {
            var text = unknownMandatory.VendorId == 0
                ? $"unknown mandatory AVP, attribute type {unknownMandatory.AttributeType}"
                : $"unknown mandatory AVP, vendor {unknownMandatory.VendorId} attribute type {unknownMandatory.AttributeType}";
            throw new L2tpProtocolException(scope, Result(scope, L2tpErrorCode.UnknownMandatoryAvp, text), text)
            {
                MessageType = messageType,
                Attributes = attributes,
            };
        }

        return attributes;
    }

    /// <summary>
    /// Encodes the present attributes: Message Type first, then (when anything is hidden) the
    /// Random Vector, then the others in attribute-type order. Hidden attributes follow
    /// <paramref name="hiding"/>; without it everything goes in the clear.
    /// </summary>
    public static byte[] Encode(ControlAttributes attributes, AvpHidingOptions? hiding = null)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.RawMessageType is null && attributes.MessageType is null)
        {
            throw new ArgumentException("a control message needs a Message Type", nameof(attributes));
        }

        var values = Values(attributes).ToList();
        var hidden = new bool[values.Count];
        var anyHidden = false;
        for (var i = 0; i < values.Count; i++)
        {
            var definition = AvpCatalog.Get(values[i].Type);
            hidden[i] = hiding is not null && definition.MayBeHidden && hiding.HiddenTypes.Contains(values[i].Type);
            anyHidden |= hidden[i];
        }

        var vector = attributes.RandomVector ?? (anyHidden ? hiding!.RandomVector.ToArray() : null);
        var size = AvpWriter.Measure(2, hidden: false);
        if (vector is not null)
        {
            size += AvpWriter.Measure(vector.Length, hidden: false);
        }

        for (var i = 0; i < values.Count; i++)
        {
            size += AvpWriter.Measure(values[i].Value.Length, hidden[i]);
        }

        var body = new byte[size];
        var writer = new AvpWriter(body);
        var messageType = attributes.RawMessageType ?? (ushort)attributes.MessageType!.Value;
        Span<byte> typeOctets = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(typeOctets, messageType);
        Written(writer.TryWrite(AvpType.MessageType, attributes.MessageTypeMandatory, typeOctets));
        if (vector is not null)
        {
            Written(writer.TryWrite(AvpType.RandomVector, true, vector));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var (type, value) = values[i];
            var mandatory = AvpCatalog.Get(type).Mandatory;
            Written(hidden[i]
                ? writer.TryWriteHidden(0, (ushort)type, mandatory, value, hiding!.Secret.Span, vector)
                : writer.TryWrite(type, mandatory, value));
        }

        return body;
    }

    private static void Written(bool fitted)
    {
        if (!fitted)
        {
            throw new InvalidOperationException("the control message body was measured too small");
        }
    }

    private static L2tpResult Result(L2tpFailureScope scope, L2tpErrorCode error, string message) =>
        scope == L2tpFailureScope.Session
            ? L2tpResult.Cdn(CdnResultCode.GeneralError, error, message)
            : L2tpResult.StopCcn(StopCcnResultCode.GeneralError, error, message);

    private static L2tpProtocolException Refuse(L2tpFailureScope scope, ControlMessageType messageType, ControlAttributes attributes, L2tpErrorCode error, string message) =>
        new(scope, Result(scope, error, message), message)
        {
            MessageType = messageType,
            Attributes = attributes,
        };

    private static void Assign(ControlAttributes a, AvpType type, ReadOnlySpan<byte> value, L2tpFailureScope scope, ControlMessageType messageType)
    {
        switch (type)
        {
            case AvpType.ResultCode:
                if (value.Length == 3)
                {
                    throw Refuse(scope, messageType, a, L2tpErrorCode.LengthWrong, "a Result Code AVP of 3 octets cuts the error code in half");
                }

                a.ResultCode = new L2tpResult(
                    UInt16(value),
                    value.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(value[2..]) : null,
                    value.Length > 4 ? Text(value[4..]) : null);
                break;
            case AvpType.ProtocolVersion:
                a.ProtocolVersion = new ProtocolVersion(value[0], value[1]);
                break;
            case AvpType.FramingCapabilities:
                a.FramingCapabilities = (L2tpFraming)UInt32(value);
                break;
            case AvpType.BearerCapabilities:
                a.BearerCapabilities = (L2tpBearer)UInt32(value);
                break;
            case AvpType.TieBreaker:
                a.TieBreaker = BinaryPrimitives.ReadUInt64BigEndian(value);
                break;
            case AvpType.FirmwareRevision:
                a.FirmwareRevision = UInt16(value);
                break;
            case AvpType.HostName:
                a.HostName = Text(value);
                break;
            case AvpType.VendorName:
                a.VendorName = Text(value);
                break;
            case AvpType.AssignedTunnelId:
                a.AssignedTunnelId = UInt16(value);
                break;
            case AvpType.ReceiveWindowSize:
                a.ReceiveWindowSize = UInt16(value);
                break;
            case AvpType.Challenge:
                a.Challenge = value.ToArray();
                break;
            case AvpType.Q931CauseCode:
                a.Q931CauseCode = new Q931Cause(UInt16(value), value[2], value.Length > 3 ? Text(value[3..]) : null);
                break;
            case AvpType.ChallengeResponse:
                a.ChallengeResponse = value.ToArray();
                break;
            case AvpType.AssignedSessionId:
                a.AssignedSessionId = UInt16(value);
                break;
            case AvpType.CallSerialNumber:
                a.CallSerialNumber = UInt32(value);
                break;
            case AvpType.MinimumBps:
                a.MinimumBps = UInt32(value);
                break;
            case AvpType.MaximumBps:
                a.MaximumBps = UInt32(value);
                break;
            case AvpType.BearerType:
                a.BearerType = (L2tpBearer)UInt32(value);
                break;
            case AvpType.FramingType:
                a.FramingType = (L2tpFraming)UInt32(value);
                break;
            case AvpType.CalledNumber:
                a.CalledNumber = Text(value);
                break;
            case AvpType.CallingNumber:
                a.CallingNumber = Text(value);
                break;
            case AvpType.SubAddress:
                a.SubAddress = Text(value);
                break;
            case AvpType.TxConnectSpeed:
                a.TxConnectSpeed = UInt32(value);
                break;
            case AvpType.PhysicalChannelId:
                a.PhysicalChannelId = UInt32(value);
                break;
            case AvpType.InitialReceivedLcpConfReq:
                a.InitialReceivedLcpConfReq = value.ToArray();
                break;
            case AvpType.LastSentLcpConfReq:
                a.LastSentLcpConfReq = value.ToArray();
                break;
            case AvpType.LastReceivedLcpConfReq:
                a.LastReceivedLcpConfReq = value.ToArray();
                break;
            case AvpType.ProxyAuthenType:
                a.ProxyAuthenType = (ProxyAuthenType)UInt16(value);
                break;
            case AvpType.ProxyAuthenName:
                a.ProxyAuthenName = Text(value);
                break;
            case AvpType.ProxyAuthenChallenge:
                a.ProxyAuthenChallenge = value.ToArray();
                break;
            case AvpType.ProxyAuthenId:
                a.ProxyAuthenId = value[1];
                break;
            case AvpType.ProxyAuthenResponse:
                a.ProxyAuthenResponse = value.ToArray();
                break;
            case AvpType.CallErrors:
                a.CallErrors = new CallErrors(UInt32(value[2..]), UInt32(value[6..]), UInt32(value[10..]), UInt32(value[14..]), UInt32(value[18..]), UInt32(value[22..]));
                break;
            case AvpType.Accm:
                a.Accm = new AccmValue(UInt32(value[2..]), UInt32(value[6..]));
                break;
            case AvpType.RandomVector:
                a.RandomVector = value.ToArray();
                break;
            case AvpType.PrivateGroupId:
                a.PrivateGroupId = Text(value);
                break;
            case AvpType.RxConnectSpeed:
                a.RxConnectSpeed = UInt32(value);
                break;
            case AvpType.SequencingRequired:
                a.SequencingRequired = true;
                break;
            default:
                throw new InvalidOperationException($"attribute {type} has no decoder");
        }
    }

    private static IEnumerable<(AvpType Type, byte[] Value)> Values(ControlAttributes a)
    {
        if (a.ResultCode is { } result)
        {
            var message = result.ErrorMessage is null ? Array.Empty<byte>() : Utf8.GetBytes(result.ErrorMessage);
            if (message.Length > 0 && result.Error is null)
            {
                throw new ArgumentException("a Result Code's error message needs an error code in front of it (section 4.4.2)");
            }

            var value = new byte[2 + (result.Error is null ? 0 : 2) + message.Length];
            BinaryPrimitives.WriteUInt16BigEndian(value, result.Result);
            if (result.Error is { } error)
            {
                BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), error);
                message.CopyTo(value, 4);
            }

            yield return (AvpType.ResultCode, value);
        }

        if (a.ProtocolVersion is { } version)
        {
            yield return (AvpType.ProtocolVersion, [version.Version, version.Revision]);
        }

        if (a.FramingCapabilities is { } framingCapabilities)
        {
            yield return (AvpType.FramingCapabilities, UInt32((uint)framingCapabilities));
        }

        if (a.BearerCapabilities is { } bearerCapabilities)
        {
            yield return (AvpType.BearerCapabilities, UInt32((uint)bearerCapabilities));
        }

        if (a.TieBreaker is { } tieBreaker)
        {
            var value = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(value, tieBreaker);
            yield return (AvpType.TieBreaker, value);
        }

        if (a.FirmwareRevision is { } firmware)
        {
            yield return (AvpType.FirmwareRevision, UInt16(firmware));
        }

        if (a.HostName is not null)
        {
            yield return (AvpType.HostName, Utf8.GetBytes(a.HostName));
        }

        if (a.VendorName is not null)
        {
            yield return (AvpType.VendorName, Utf8.GetBytes(a.VendorName));
        }

        if (a.AssignedTunnelId is { } tunnelId)
        {
            yield return (AvpType.AssignedTunnelId, UInt16(tunnelId));
        }

        if (a.ReceiveWindowSize is { } window)
        {
            yield return (AvpType.ReceiveWindowSize, UInt16(window));
        }

        if (a.Challenge is not null)
        {
            yield return (AvpType.Challenge, a.Challenge);
        }

        if (a.Q931CauseCode is { } cause)
        {
            var advisory = cause.Advisory is null ? Array.Empty<byte>() : Utf8.GetBytes(cause.Advisory);
            var value = new byte[3 + advisory.Length];
            BinaryPrimitives.WriteUInt16BigEndian(value, cause.CauseCode);
            value[2] = cause.CauseMessage;
            advisory.CopyTo(value, 3);
            yield return (AvpType.Q931CauseCode, value);
        }

        if (a.ChallengeResponse is not null)
        {
            yield return (AvpType.ChallengeResponse, a.ChallengeResponse);
        }

        if (a.AssignedSessionId is { } sessionId)
        {
            yield return (AvpType.AssignedSessionId, UInt16(sessionId));
        }

        if (a.CallSerialNumber is { } serial)
        {
            yield return (AvpType.CallSerialNumber, UInt32(serial));
        }

        if (a.MinimumBps is { } minimum)
        {
            yield return (AvpType.MinimumBps, UInt32(minimum));
        }

        if (a.MaximumBps is { } maximum)
        {
            yield return (AvpType.MaximumBps, UInt32(maximum));
        }

        if (a.BearerType is { } bearerType)
        {
            yield return (AvpType.BearerType, UInt32((uint)bearerType));
        }

        if (a.FramingType is { } framingType)
        {
            yield return (AvpType.FramingType, UInt32((uint)framingType));
        }

        if (a.CalledNumber is not null)
        {
            yield return (AvpType.CalledNumber, Utf8.GetBytes(a.CalledNumber));
        }

        if (a.CallingNumber is not null)
        {
            yield return (AvpType.CallingNumber, Utf8.GetBytes(a.CallingNumber));
        }

        if (a.SubAddress is not null)
        {
            yield return (AvpType.SubAddress, Utf8.GetBytes(a.SubAddress));
        }

        if (a.TxConnectSpeed is { } txSpeed)
        {
            yield return (AvpType.TxConnectSpeed, UInt32(txSpeed));
        }

        if (a.PhysicalChannelId is { } channel)
        {
            yield return (AvpType.PhysicalChannelId, UInt32(channel));
        }

        if (a.InitialReceivedLcpConfReq is not null)
        {
            yield return (AvpType.InitialReceivedLcpConfReq, a.InitialReceivedLcpConfReq);
        }

        if (a.LastSentLcpConfReq is not null)
        {
            yield return (AvpType.LastSentLcpConfReq, a.LastSentLcpConfReq);
        }

        if (a.LastReceivedLcpConfReq is not null)
        {
            yield return (AvpType.LastReceivedLcpConfReq, a.LastReceivedLcpConfReq);
        }

        if (a.ProxyAuthenType is { } proxyType)
        {
            yield return (AvpType.ProxyAuthenType, UInt16((ushort)proxyType));
        }

        if (a.ProxyAuthenName is not null)
        {
            yield return (AvpType.ProxyAuthenName, Utf8.GetBytes(a.ProxyAuthenName));
        }

        if (a.ProxyAuthenChallenge is not null)
        {
            yield return (AvpType.ProxyAuthenChallenge, a.ProxyAuthenChallenge);
        }

        if (a.ProxyAuthenId is { } proxyId)
        {
            yield return (AvpType.ProxyAuthenId, [0, proxyId]);
        }

        if (a.ProxyAuthenResponse is not null)
        {
            yield return (AvpType.ProxyAuthenResponse, a.ProxyAuthenResponse);
        }

        if (a.CallErrors is { } errors)
        {
            var value = new byte[26];
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(2), errors.CrcErrors);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(6), errors.FramingErrors);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(10), errors.HardwareOverruns);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(14), errors.BufferOverruns);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(18), errors.TimeoutErrors);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(22), errors.AlignmentErrors);
            yield return (AvpType.CallErrors, value);
        }

        if (a.Accm is { } accm)
        {
            var value = new byte[10];
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(2), accm.SendAccm);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(6), accm.ReceiveAccm);
            yield return (AvpType.Accm, value);
        }

        if (a.PrivateGroupId is not null)
        {
            yield return (AvpType.PrivateGroupId, Utf8.GetBytes(a.PrivateGroupId));
        }

        if (a.RxConnectSpeed is { } rxSpeed)
        {
            yield return (AvpType.RxConnectSpeed, UInt32(rxSpeed));
        }

        if (a.SequencingRequired)
        {
            yield return (AvpType.SequencingRequired, []);
        }
    }

    private static ushort UInt16(ReadOnlySpan<byte> value) => BinaryPrimitives.ReadUInt16BigEndian(value);

    private static uint UInt32(ReadOnlySpan<byte> value) => BinaryPrimitives.ReadUInt32BigEndian(value);

    private static byte[] UInt16(ushort value)
    {
        var octets = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(octets, value);
        return octets;
    }

    private static byte[] UInt32(uint value)
    {
        var octets = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(octets, value);
        return octets;
    }

    private static string Text(ReadOnlySpan<byte> value) => Utf8.GetString(value);
}
