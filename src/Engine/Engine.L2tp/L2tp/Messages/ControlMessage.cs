using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>
/// One L2TP control message with the AVPs RFC 2661 section 6 requires validated: a subclass per
/// message type whose required AVPs are non-nullable properties. <see cref="Decode"/> reads a
/// body and refuses (<see cref="L2tpProtocolException"/>) a message that lacks a required AVP, with
/// the result and error code the answering StopCCN or CDN carries; <see cref="Encode"/> writes one.
/// A zero-length body (ZLB) is an acknowledgment, not a message: the reliable control channel
/// consumes it and it never reaches this class.
/// </summary>
public abstract class ControlMessage
{
    public abstract ControlMessageType Type { get; }

    /// <summary>Every AVP of the message as received (null for a message built locally).</summary>
    public ControlAttributes? Received { get; private set; }

    /// <summary>
    /// Decodes one control message body. Returns null for an unknown message type sent without
    /// the M bit (section 4.4.1: ignore it).
    /// </summary>
    public static ControlMessage? Decode(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret) =>
        FromAttributes(ControlAttributesCodec.Decode(body, secret));

    /// <summary>Validates decoded attributes into the typed message their Message Type names.</summary>
    public static ControlMessage? FromAttributes(ControlAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ControlMessage? message = attributes.MessageType switch
        {
            ControlMessageType.Sccrq => Sccrq.Read(attributes),
            ControlMessageType.Sccrp => Sccrp.Read(attributes),
            ControlMessageType.Scccn => Scccn.Read(attributes),
            ControlMessageType.StopCcn => StopCcn.Read(attributes),
            ControlMessageType.Hello => new Hello(),
            ControlMessageType.Ocrq => Ocrq.Read(attributes),
            ControlMessageType.Ocrp => Ocrp.Read(attributes),
            ControlMessageType.Occn => Occn.Read(attributes),
            ControlMessageType.Icrq => Icrq.Read(attributes),
            ControlMessageType.Icrp => Icrp.Read(attributes),
            ControlMessageType.Iccn => Iccn.Read(attributes),
            ControlMessageType.Cdn => Cdn.Read(attributes),
            ControlMessageType.Wen => Wen.Read(attributes),
            ControlMessageType.Sli => Sli.Read(attributes),
            _ => null,
        };

        if (message is not null)
        {
            message.Received = attributes;
        }

        return message;
    }

    /// <summary>
    /// Drops the decoded AVP bag of a message kept for a session's or tunnel's life: its typed
    /// properties hold what the protocol uses, and the bag (every AVP slot, the seen-AVP set) is
    /// about half a kilobyte per session on a gateway with thousands of them.
    /// </summary>
    internal void ForgetReceived() => Received = null;

    /// <summary>The message's AVPs, Message Type included.</summary>
    public ControlAttributes ToAttributes()
    {
        var attributes = new ControlAttributes { MessageType = Type };
        Fill(attributes);
        return attributes;
    }

    /// <summary>The message body (its AVPs), hiding the attributes <paramref name="hiding"/> names.</summary>
    public byte[] Encode(AvpHidingOptions? hiding = null) => ControlAttributesCodec.Encode(ToAttributes(), hiding);

    public override string ToString() => Type.ToString();

    /// <summary>Sets this message's attributes (all but the Message Type).</summary>
    protected abstract void Fill(ControlAttributes attributes);

    /// <summary>A required AVP is absent: the refusal section 6 implies, worded as xl2tpd does (a vendor-specific general error naming the AVP).</summary>
    protected static L2tpProtocolException Missing(ControlAttributes attributes, AvpType type)
    {
        var messageType = attributes.MessageType!.Value;
        var text = $"the {messageType} lacks the mandatory {AvpCatalog.Get(type).Name} AVP";
        return Refusal(attributes, L2tpErrorCode.VendorSpecific, text);
    }

    /// <summary>A value outside what the RFC allows ("one of the field values was out of range").</summary>
    protected static L2tpProtocolException OutOfRange(ControlAttributes attributes, string text) =>
        Refusal(attributes, L2tpErrorCode.FieldOutOfRange, text);

    protected static T Required<T>(ControlAttributes attributes, T? value, AvpType type)
        where T : struct =>
        value ?? throw Missing(attributes, type);

    protected static T Required<T>(ControlAttributes attributes, T? value, AvpType type)
        where T : class =>
        value ?? throw Missing(attributes, type);

    protected static ushort NonZero(ControlAttributes attributes, ushort? value, AvpType type)
    {
        var id = Required(attributes, value, type);
        return id != 0 ? id : throw OutOfRange(attributes, $"the {attributes.MessageType} assigns the reserved ID 0 in its {AvpCatalog.Get(type).Name} AVP");
    }

    /// <summary>Section 4.4.3: only version 1 revision 0 exists; a StopCCN answers others with result 5 and the highest version supported.</summary>
    protected static ProtocolVersion SupportedVersion(ControlAttributes attributes)
    {
        var version = Required(attributes, attributes.ProtocolVersion, AvpType.ProtocolVersion);
        if (version != ProtocolVersion.L2tpV2)
        {
            var text = $"protocol version {version} is not supported; 1.0 is";
            throw new L2tpProtocolException(L2tpFailureScope.Tunnel,
                new L2tpResult((ushort)StopCcnResultCode.UnsupportedVersion, ProtocolVersion.L2tpV2.ToUInt16(), text), text)
            {
                MessageType = attributes.MessageType,
                Attributes = attributes,
            };
        }

        return version;
    }

    private static L2tpProtocolException Refusal(ControlAttributes attributes, L2tpErrorCode error, string text)
    {
        var messageType = attributes.MessageType!.Value;
        var scope = ControlAttributesCodec.ScopeOf(messageType);
        var result = scope == L2tpFailureScope.Session
            ? L2tpResult.Cdn(CdnResultCode.GeneralError, error, text)
            : L2tpResult.StopCcn(StopCcnResultCode.GeneralError, error, text);
        return new L2tpProtocolException(scope, result, text) { MessageType = messageType, Attributes = attributes };
    }
}
