using System.Security.Cryptography;
using Engine.Crypto.Ikev1;
using Engine.Crypto.Registry;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>
/// Recomputes main mode and quick mode from recorded datagrams with the crypto functions alone, independently of
/// the engine's keymat: SKEYID from the PSK and the nonces on the wire, SKEYID_e and the cipher key
/// from g^xy and the cookies, the phase 1 IV from the public values, then decrypts message 5 and
/// checks its HASH_I against RFC 2409 section 5's formula over SAi_b and IDii_b as sent.
/// </summary>
public static class WireRecomputation
{
    public static void AssertHashI(SentDatagram[] mainMode, string preSharedKey, byte[] sharedSecret)
    {
        var message1 = Parse(mainMode[0]);
        var message2 = Parse(mainMode[1]);
        var message3 = Parse(mainMode[2]);
        var message4 = Parse(mainMode[3]);
        var message5 = Parse(mainMode[4]);

        var transform = message2.Find<SecurityAssociationPayload>()!.Proposals[0].Transforms[0];
        Assert.Equal((ushort)IkeEncryptionAlgorithm.AesCbc, transform.FindAttribute(IkeAttributeType.EncryptionAlgorithm)!.BasicValue);
        Assert.Equal((ushort)IkeHashAlgorithm.Sha1, transform.FindAttribute(IkeAttributeType.HashAlgorithm)!.BasicValue);
        Assert.True(Ikev1Algorithms.TryGetPrf(Ikev1HashAlgorithm.Sha1, out var prf));
        static byte[] Hmac(byte[] key, byte[] data) => HMACSHA1.HashData(key, data);

        var initiatorCookie = mainMode[0].IkeBytes![..8];
        var responderCookie = mainMode[1].IkeBytes![8..16];
        var gxi = message3.Find<KeyExchangePayload>()!.Data.ToArray();
        var gxr = message4.Find<KeyExchangePayload>()!.Data.ToArray();
        var ni = message3.Find<NoncePayload>()!.Data.ToArray();
        var nr = message4.Find<NoncePayload>()!.Data.ToArray();

        var skeyid = Hmac(System.Text.Encoding.UTF8.GetBytes(preSharedKey), [.. ni, .. nr]);
        var skeyidD = Hmac(skeyid, [.. sharedSecret, .. initiatorCookie, .. responderCookie, 0]);
        var skeyidA = Hmac(skeyid, [.. skeyidD, .. sharedSecret, .. initiatorCookie, .. responderCookie, 1]);
        var skeyidE = Hmac(skeyid, [.. skeyidA, .. sharedSecret, .. initiatorCookie, .. responderCookie, 2]);
        var iv = SHA1.HashData([.. gxi, .. gxr])[..16];

        using var aes = Aes.Create();
        aes.Key = skeyidE[..16];
        var plaintext = aes.DecryptCbc(message5.EncryptedBody.Span, iv, PaddingMode.None);
        var decrypted = message5.WithDecryptedBody(plaintext);
        var id = decrypted.Find<IdentificationPayload>()!;
        var hash = decrypted.Find<HashPayload>()!;

        // SAi_b is the SA body of message 1 as it went on the wire, after the generic header.
        var saBody = mainMode[0].IkeBytes!.AsSpan(IsakmpHeader.Size + 4, message1.Find<SecurityAssociationPayload>()!.BodyLength).ToArray();
        var idBody = plaintext.AsSpan(4, id.BodyLength).ToArray();
        var expected = Hmac(skeyid, [.. gxi, .. gxr, .. initiatorCookie, .. responderCookie, .. saBody, .. idBody]);

        Assert.Equal(expected, hash.Data.ToArray());
        Assert.Equal(expected, Ikev1Hashes.MainModeInitiator(prf, skeyid, gxi, gxr, initiatorCookie, responderCookie, saBody, idBody));
    }

    /// <summary>
    /// Quick mode from the wire: the phase 2 IV from the last block of message 6 and the message
    /// id, message 1 and 2 decrypted with SKEYID_e, and KEYMAT = prf(SKEYID_d, protocol | SPI |
    /// Ni_b | Nr_b) for both SPIs (RFC 2409 section 5.5). Returns (SPI, KEYMAT) for the SPI the
    /// initiator chose and the one the responder chose.
    /// </summary>
    public static ((uint Spi, byte[] Keymat) Initiator, (uint Spi, byte[] Keymat) Responder) QuickModeKeymat(
        SentDatagram[] mainMode, SentDatagram[] quickMode, string preSharedKey, byte[] sharedSecret, int keymatLength)
    {
        static byte[] Hmac(byte[] key, byte[] data) => HMACSHA1.HashData(key, data);
        var message3 = Parse(mainMode[2]);
        var message4 = Parse(mainMode[3]);
        var initiatorCookie = mainMode[0].IkeBytes![..8];
        var responderCookie = mainMode[1].IkeBytes![8..16];
        var ni = message3.Find<NoncePayload>()!.Data.ToArray();
        var nr = message4.Find<NoncePayload>()!.Data.ToArray();
        var skeyid = Hmac(System.Text.Encoding.UTF8.GetBytes(preSharedKey), [.. ni, .. nr]);
        var skeyidD = Hmac(skeyid, [.. sharedSecret, .. initiatorCookie, .. responderCookie, 0]);
        var skeyidA = Hmac(skeyid, [.. skeyidD, .. sharedSecret, .. initiatorCookie, .. responderCookie, 1]);
        var skeyidE = Hmac(skeyid, [.. skeyidA, .. sharedSecret, .. initiatorCookie, .. responderCookie, 2]);

        var lastPhase1Block = mainMode[5].IkeBytes![^16..];
        var first = Parse(quickMode[0]);
        var second = Parse(quickMode[1]);
        var messageId = first.Header.MessageId;
        byte[] id = [(byte)(messageId >> 24), (byte)(messageId >> 16), (byte)(messageId >> 8), (byte)messageId];
        var iv = SHA1.HashData([.. lastPhase1Block, .. id])[..16];
        using var aes = Aes.Create();
        aes.Key = skeyidE[..16];
        var plain1 = first.WithDecryptedBody(aes.DecryptCbc(first.EncryptedBody.Span, iv, PaddingMode.None));
        var plain2 = second.WithDecryptedBody(aes.DecryptCbc(second.EncryptedBody.Span, first.EncryptedBody.Span[^16..], PaddingMode.None));

        var quickNi = plain1.Find<NoncePayload>()!.Data.ToArray();
        var quickNr = plain2.Find<NoncePayload>()!.Data.ToArray();
        var initiatorSpi = plain1.Find<SecurityAssociationPayload>()!.Proposals[0].Spi.ToArray();
        var responderSpi = plain2.Find<SecurityAssociationPayload>()!.Proposals[0].Spi.ToArray();
        byte[] Keymat(byte[] spi)
        {
            var output = new List<byte>();
            byte[] previous = [];
            while (output.Count < keymatLength)
            {
                previous = Hmac(skeyidD, [.. previous, (byte)IsakmpProtocolId.Esp, .. spi, .. quickNi, .. quickNr]);
                output.AddRange(previous);
            }

            return output.Take(keymatLength).ToArray();
        }

        return ((System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(initiatorSpi), Keymat(initiatorSpi)),
                (System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(responderSpi), Keymat(responderSpi)));
    }

    private static IsakmpMessage Parse(SentDatagram datagram)
    {
        Assert.True(IsakmpMessage.TryParse(datagram.IkeBytes, out var message));
        return message!;
    }
}
