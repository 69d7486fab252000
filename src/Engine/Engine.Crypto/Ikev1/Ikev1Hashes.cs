using System;
using System.Buffers;
using System.Buffers.Binary;
using Engine.Crypto.Prf;

namespace Engine.Crypto.Ikev1;

/// <summary>
/// The HASH payload values of IKEv1 (RFC 2409 sections 5 and 5.5; informational per section 5.7
/// and RFC 2408). Bodies (the "_b" inputs) exclude the generic payload header; "payloads after
/// HASH" are the message's remaining payloads exactly as on the wire, headers included.
/// Message ids are the ISAKMP header's, in network order.
/// </summary>
public static class Ikev1Hashes
{
    /// <summary>HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b).</summary>
    public static byte[] MainModeInitiator(
        IPrf prf,
        ReadOnlySpan<byte> skeyid,
        ReadOnlySpan<byte> initiatorPublicValue,
        ReadOnlySpan<byte> responderPublicValue,
        ReadOnlySpan<byte> initiatorCookie,
        ReadOnlySpan<byte> responderCookie,
        ReadOnlySpan<byte> initiatorSaBody,
        ReadOnlySpan<byte> initiatorIdBody)
    {
        var message = new ArrayBufferWriter<byte>();
        message.Write(initiatorPublicValue);
        message.Write(responderPublicValue);
        message.Write(initiatorCookie);
        message.Write(responderCookie);
        message.Write(initiatorSaBody);
        message.Write(initiatorIdBody);
        return prf.Compute(skeyid, message);
    }

    /// <summary>
    /// HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b); the responder's values
    /// come first, but the SA body is still the initiator's offer.
    /// </summary>
    public static byte[] MainModeResponder(
        IPrf prf,
        ReadOnlySpan<byte> skeyid,
        ReadOnlySpan<byte> initiatorPublicValue,
        ReadOnlySpan<byte> responderPublicValue,
        ReadOnlySpan<byte> initiatorCookie,
        ReadOnlySpan<byte> responderCookie,
        ReadOnlySpan<byte> initiatorSaBody,
        ReadOnlySpan<byte> responderIdBody)
    {
        var message = new ArrayBufferWriter<byte>();
        message.Write(responderPublicValue);
        message.Write(initiatorPublicValue);
        message.Write(responderCookie);
        message.Write(initiatorCookie);
        message.Write(initiatorSaBody);
        message.Write(responderIdBody);
        return prf.Compute(skeyid, message);
    }

    /// <summary>HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ]).</summary>
    public static byte[] QuickModeHash1(IPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> payloadsAfterHash) =>
        Keyed(prf, skeyidA, prefix: ReadOnlySpan<byte>.Empty, messageId, payloadsAfterHash, ReadOnlySpan<byte>.Empty);

    /// <summary>HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ]).</summary>
    public static byte[] QuickModeHash2(
        IPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> payloadsAfterHash) =>
        Keyed(prf, skeyidA, prefix: ReadOnlySpan<byte>.Empty, messageId, initiatorNonce, payloadsAfterHash);

    /// <summary>HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).</summary>
    public static byte[] QuickModeHash3(
        IPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce) =>
        Keyed(prf, skeyidA, prefix: [0], messageId, initiatorNonce, responderNonce);

    /// <summary>Informational HASH(1) = prf(SKEYID_a, M-ID | N/D), the Notification or Delete payload(s).</summary>
    public static byte[] Informational(IPrf prf, ReadOnlySpan<byte> skeyidA, uint messageId, ReadOnlySpan<byte> payloadsAfterHash) =>
        Keyed(prf, skeyidA, prefix: ReadOnlySpan<byte>.Empty, messageId, payloadsAfterHash, ReadOnlySpan<byte>.Empty);

    private static byte[] Keyed(
        IPrf prf, ReadOnlySpan<byte> skeyidA, ReadOnlySpan<byte> prefix, uint messageId, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var message = new ArrayBufferWriter<byte>();
        message.Write(prefix);
        BinaryPrimitives.WriteUInt32BigEndian(message.GetSpan(sizeof(uint)), messageId);
        message.Advance(sizeof(uint));
        message.Write(first);
        message.Write(second);
        return prf.Compute(skeyidA, message);
    }
}
