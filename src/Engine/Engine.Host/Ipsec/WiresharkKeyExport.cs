using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Sockets;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Ike;
using Engine.Ike.Kernel;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Ipsec;

/// <summary>
/// The installed SAs' and ISAKMP SAs' keys in the terms of Wireshark's esp_sa and
/// ikev1_decryption_table (packet-ipsec.c and packet-isakmp.c): the algorithm names are the exact
/// strings of Wireshark's ESP preferences, the same ones strongSwan's save-keys plugin writes.
/// The one place in the engine where key material is turned into text, and only for
/// Export-IpSecWiresharkKey (ExportWiresharkKeys).
/// </summary>
public static class WiresharkKeyExport
{
    public static WiresharkKeys Build(IEnumerable<KernelSa> installed, IEnumerable<IkeSaKeys> isakmp)
    {
        var keys = new WiresharkKeys();
        foreach (var sa in installed)
        {
            if (sa.Id.Protocol == IpsecProtocol.Ah)
            {
                // AH encrypts nothing, and esp_sa has no place for it: Wireshark dissects AH as is.
                keys.Skipped.Add($"AH SA 0x{sa.Id.Spi.ToString("x8", CultureInfo.InvariantCulture)} {sa.Source} -> {sa.Destination}: AH encrypts nothing");
                continue;
            }

            var encryption = EncryptionName(sa);
            var authentication = AuthenticationName(sa.Integrity);
            if (encryption is null || authentication is null)
            {
                keys.Skipped.Add($"ESP SA 0x{sa.Id.Spi.ToString("x8", CultureInfo.InvariantCulture)} {sa.Source} -> {sa.Destination}: Wireshark has no name for {sa.Aead?.Name ?? sa.Cipher?.Name}/{sa.Integrity?.Name}");
                continue;
            }

            keys.EspSas.Add(new EspSaKey
            {
                Protocol = sa.Source.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
                Source = sa.Source.ToString(),
                Destination = sa.Destination.ToString(),
                Spi = "0x" + sa.Id.Spi.ToString("x8", CultureInfo.InvariantCulture),
                EncryptionAlgorithm = encryption,
                EncryptionKey = Hex(sa.EncryptionKey.Span),
                AuthenticationAlgorithm = authentication,
                AuthenticationKey = sa.Integrity is null ? string.Empty : Hex(sa.IntegrityKey.Span),
            });
        }

        foreach (var sa in isakmp)
        {
            keys.IsakmpSas.Add(new IsakmpSaKey
            {
                InitiatorCookie = sa.InitiatorCookie.ToString("x16", CultureInfo.InvariantCulture),
                ResponderCookie = sa.ResponderCookie.ToString("x16", CultureInfo.InvariantCulture),
                PeerAddress = sa.Remote.Address.ToString(),
                EncryptionKey = Convert.ToHexString(sa.EncryptionKey.Span).ToLowerInvariant(),
            });
        }

        return keys;
    }

    /// <summary>Wireshark's name for the SA's encryption; null when it has none.</summary>
    public static string? EncryptionName(KernelSa sa)
    {
        if (sa.Aead is { } aead)
        {
            // AES-GCM-16: Wireshark takes the key with the 4-byte salt appended, as KEYMAT gives it (RFC 4106 section 8.1).
            return aead == AeadAlgorithms.AesGcm16Key128 || aead == AeadAlgorithms.AesGcm16Key192 || aead == AeadAlgorithms.AesGcm16Key256
                ? "AES-GCM with 16 octet ICV [RFC4106]"
                : null;
        }

        var cipher = sa.Cipher ?? CipherAlgorithms.Null;
        if (cipher == CipherAlgorithms.AesCbc128 || cipher == CipherAlgorithms.AesCbc192 || cipher == CipherAlgorithms.AesCbc256)
        {
            return "AES-CBC [RFC3602]";
        }

        if (cipher == CipherAlgorithms.TripleDesCbc)
        {
            return "TripleDES-CBC [RFC2451]";
        }

        if (cipher == CipherAlgorithms.DesCbc)
        {
            return "DES-CBC [RFC2405]";
        }

        return cipher == CipherAlgorithms.Null ? "NULL" : null;
    }

    /// <summary>Wireshark's name for the SA's integrity transform ("NULL" for AEAD and integrity-less ESP); null when it has none.</summary>
    public static string? AuthenticationName(IntegrityAlgorithm? integrity)
    {
        if (integrity is null)
        {
            return "NULL";
        }

        if (integrity == IntegrityAlgorithms.HmacSha1Icv96)
        {
            return "HMAC-SHA-1-96 [RFC2404]";
        }

        if (integrity == IntegrityAlgorithms.HmacMd5Icv96)
        {
            return "HMAC-MD5-96 [RFC2403]";
        }

        if (integrity == IntegrityAlgorithms.HmacSha256Icv128)
        {
            return "HMAC-SHA-256-128 [RFC4868]";
        }

        if (integrity == IntegrityAlgorithms.HmacSha384Icv192)
        {
            return "HMAC-SHA-384-192 [RFC4868]";
        }

        return integrity == IntegrityAlgorithms.HmacSha512Icv256 ? "HMAC-SHA-512-256 [RFC4868]" : null;
    }

    private static string Hex(ReadOnlySpan<byte> key) => key.IsEmpty ? string.Empty : "0x" + Convert.ToHexString(key).ToLowerInvariant();
}
