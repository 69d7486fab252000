using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.DataPlane.Buffers;
using Engine.DataPlane.Esp;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Esp;

/// <summary>
/// Whole ESP packets from published vectors, sealed and opened by the data plane's ESP code:
/// RFC 3602 section 4 cases 5-8 (AES-CBC-128, no ICV: SPI, sequence, IV, payload, padding 1,2,3,
/// pad length, next header) and the draft-mcgrew-gcm-test-01 section 4 packets (AES-GCM, 32-bit
/// and extended sequence numbers).
/// </summary>
public sealed class EspKnownAnswerTests
{
    public static TheoryData<string, string, uint, uint, string, string, byte, string> Rfc3602Cases => new()
    {
        {
            "case 5 (transport, ICMP)", "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 1, "e96e8c08ab465763fd098d45dd3ff893",
            "08000ebda70a00008e9c083db95b070008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            1,
            "0000432100000001e96e8c08ab465763fd098d45dd3ff893f663c25d325c18c6a9453e194e120849a4870b66cc6b9965330013b4898dc856a4699e523a55db080b59ec3a8e4b7e52775b07d1db34ed9c538ab50c551b874aa269add047ad2d5913ac19b7cfbad4a6"
        },
        {
            "case 6 (transport, ICMP)", "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 8, "69d08df7d203329db093fc4924e5bd80",
            "0800b5e8a80a0500a69c083d0b660e00777777777777777777777777",
            1,
            "000043210000000869d08df7d203329db093fc4924e5bd80f51995881ec4e0c4488987ce742e8109689bb379d2d750c0d915dca346a89f75"
        },
        {
            "case 7 (tunnel, IPv4)", "0123456789abcdef0123456789abcdef", 0x8765, 2, "f4e765244f6407adf13dc1380f673f37",
            "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a2040008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            4,
            "0000876500000002f4e765244f6407adf13dc1380f673f37773b5241a4c449225e4f3ce5ed611b0c237ca96cf74a93013c1b0ea1a0cf70f8e4ecaec78ac53aad7a0f022b859243c647752e94a859352b8a4d4d2decd136e5c177f132ad3fbfb2201ac9904c74ee0a109e0ca1e4dfe9d5a100b842f1c22f0d"
        },
        {
            "case 8 (tunnel, IPv4)", "0123456789abcdef0123456789abcdef", 0x8765, 5, "85d47224b5f3dd5d2101d4ea8dffab22",
            "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            4,
            "000087650000000585d47224b5f3dd5d2101d4ea8dffab2215b92683819596a8047232cc00f7048fe45318e11f8a0f62ede3c3fc61203bb50f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed971ef3d2726d9b5ef6affc6d17a0decbb13892"
        },
    };

    /// <summary>
    /// draft-mcgrew-gcm-test-01 section 4: key, salt, SPI, 64-bit sequence (the ESN ones marked),
    /// IV, the plaintext payload without its trailer, next header, and the ESP packet as sent.
    /// </summary>
    public static TheoryData<string, string, string, uint, ulong, bool, string, string, string> GcmPackets => new()
    {
        {
            "128-bit key, SPI 4321, ESN 8765432100000000", "4c80cdefbb5d10da906ac73c3613a634", "2e443b68", 0x4321, 0x8765432100000000, true, "4956ed7e3b244cfe",
            "45000048699a000080114db7c0a80102c0a801010a9bf15638d301000001000000000000045f736970045f756470037369700963796265726369747902646b0000210001",
            "fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce61bc17d768fd9732459018148f6cbe722fd04796562dfdb4"
        },
        {
            "128-bit key, SPI a5f8, sequence 10", "feffe9928665731c6d6a8f9467308308", "cafebabe", 0xa5f8, 0xa, false, "facedbaddecaf888",
            "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d001000001000000000000037369700963796265726369747902646b0000010001",
            "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c3de81827c10e9a4f51330d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd183b70d3aa8bc6ee4c309e9d85a41ad4a"
        },
        {
            "256-bit key, SPI 4a2cbfe3, sequence 2", "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "11223344", 0x4a2cbfe3, 0x2, false, "0102030405060708",
            "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf0000020405b401010402",
            "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f0545659f14e99def842d8eb335f4eecfdbf831824b4c4915956c96"
        },
        {
            "128-bit zero key, SPI 0, sequence 1", "00000000000000000000000000000000", "00000000", 0x0, 0x1, false, "0000000000000000",
            "4500003c99c500008001cb7a40679318010101010800075c020044006162636465666768696a6b6c6d6e6f7071727374757677616263646566676869",
            "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284456476492719ffb64de7d9dca1e1d894bc3bd57873ed4d181d19d4d5c8c18af3f821d496eeb096e98ad2b69e4799c71d"
        },
        {
            "192-bit key, SPI a5f8, sequence 10", "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabe", 0xa5f8, 0xa, false, "facedbaddecaf888",
            "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e501016d07568",
            "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0315b27452144cc7795457b9652037f5318027b5b4cd7a636"
        },
        {
            "256-bit key, SPI 17405e67, ESN 156f3126dd0db99b", "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "73616c74", 0x17405e67, 0x156f3126dd0db99b, true, "616e640169766563",
            "45080028732c00004006e9f90a0106120a01038f06b88023dd6bafbecb71260250101f646d54",
            "f2d69ecdbd5a0d5b8d5ef38bad4da58d1f278fde98ef67549d524a3018d9a57ff4d3a31ce673119e451626c2415771e3b7eebca614c89b35"
        },
        {
            "128-bit key, SPI 335467ae, sequence ffffffff, 4-byte payload", "7d773d00c144c525ac619d18c84a3f47", "d9664267", 0x335467ae, 0xffffffff, false, "43457e9182443bc6",
            "",
            "437f866bcb3f699fe9b0822bac961c4504bef270"
        },
        {
            "256-bit key, SPI 796b6963, ESN ffffffffffffffff", "6c6567616c697a656d6172696a75616e61616e64646f69746265666f72656961", "7475726e", 0x796b6963, 0xffffffffffffffff, true, "333021696765746d",
            "45000030da3a00008001df3bc0a80005c0a800010800c6cd020007006162636465666768696a6b6c6d6e6f7071727374",
            "f97ab2aa356d8edce17644ac8c78e25dd24dedbb29ebf1b64a274b39b49c3a864cd3d78ca4ae68a32b42458fb57dbe821dcc63b9d0937ba2945f669368661a329fb4c053"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc3602Cases))]
    public void Rfc3602_packet_is_sealed_byte_for_byte(string name, string key, uint spi, uint sequence, string iv, string payload, byte nextHeader, string expected)
    {
        using var transform = new SaTransform(IpsecProtocol.Esp, CipherAlgorithms.AesCbc128, null, null, Hex.Bytes(key), []);
        using var crypto = transform.CreateContext();
        var buffer = new byte[PacketBufferLayout.HeadRoom + 512 + PacketBufferLayout.TailRoom];
        var payloadBytes = Hex.Bytes(payload);
        var payloadOffset = PacketBufferLayout.HeadRoom;
        payloadBytes.CopyTo(buffer, payloadOffset);
        Hex.Bytes(iv).CopyTo(buffer, payloadOffset - 16);

        var length = EspSealer.SealWithIv(transform, crypto, spi, sequence, false, buffer, payloadOffset, payloadBytes.Length, nextHeader);

        Assert.Equal(expected, Hex.String(buffer.AsSpan(payloadOffset - 24, length)));
        _ = name;
    }

    [Theory]
    [MemberData(nameof(Rfc3602Cases))]
    public void Rfc3602_packet_opens_to_its_payload(string name, string key, uint spi, uint sequence, string iv, string payload, byte nextHeader, string packet)
    {
        using var transform = new SaTransform(IpsecProtocol.Esp, CipherAlgorithms.AesCbc128, null, null, Hex.Bytes(key), []);
        using var crypto = transform.CreateContext();
        var bytes = Hex.Bytes(packet);
        var buffer = new byte[PacketBufferLayout.HeadRoom + bytes.Length];
        bytes.CopyTo(buffer, PacketBufferLayout.HeadRoom);

        var status = EspOpener.AuthenticateAndDecrypt(transform, crypto, buffer, PacketBufferLayout.HeadRoom, bytes.Length, sequence, false, null,
            out var payloadOffset, out var payloadLength, out var openedNextHeader);

        Assert.Equal(OpenStatus.Opened, status);
        Assert.Equal(payload, Hex.String(buffer.AsSpan(payloadOffset, payloadLength)));
        Assert.Equal(nextHeader, openedNextHeader);
        _ = (name, spi, iv);
    }

    [Theory]
    [MemberData(nameof(GcmPackets))]
    public void Gcm_packet_is_sealed_byte_for_byte(string name, string key, string salt, uint spi, ulong sequence, bool esn, string iv, string payload, string expected)
    {
        using var transform = GcmTransform(key, salt);
        using var crypto = transform.CreateContext();
        var buffer = new byte[PacketBufferLayout.HeadRoom + 512 + PacketBufferLayout.TailRoom];
        var payloadBytes = Hex.Bytes(payload);
        var payloadOffset = PacketBufferLayout.HeadRoom;
        payloadBytes.CopyTo(buffer, payloadOffset);
        Hex.Bytes(iv).CopyTo(buffer, payloadOffset - 8);

        // The draft's packets carry next header 1 and two pad bytes (the 4-byte alignment).
        var length = EspSealer.SealWithIv(transform, crypto, spi, sequence, esn, buffer, payloadOffset, payloadBytes.Length, 1);

        var expectedPacket = $"{spi:x8}{(uint)sequence:x8}{iv}{expected}";
        Assert.Equal(expectedPacket, Hex.String(buffer.AsSpan(payloadOffset - 16, length)));
        _ = name;
    }

    [Theory]
    [MemberData(nameof(GcmPackets))]
    public void Gcm_packet_opens_to_its_payload(string name, string key, string salt, uint spi, ulong sequence, bool esn, string iv, string payload, string sealedPayload)
    {
        using var transform = GcmTransform(key, salt);
        using var crypto = transform.CreateContext();
        var bytes = Hex.Bytes($"{spi:x8}{(uint)sequence:x8}{iv}{sealedPayload}");
        var buffer = new byte[PacketBufferLayout.HeadRoom + bytes.Length];
        bytes.CopyTo(buffer, PacketBufferLayout.HeadRoom);

        var status = EspOpener.AuthenticateAndDecrypt(transform, crypto, buffer, PacketBufferLayout.HeadRoom, bytes.Length, sequence, esn, null,
            out var payloadOffset, out var payloadLength, out var nextHeader);

        Assert.Equal(OpenStatus.Opened, status);
        Assert.Equal(payload, Hex.String(buffer.AsSpan(payloadOffset, payloadLength)));
        Assert.Equal(1, nextHeader);
        _ = name;
    }

    [Fact]
    public void Gcm_esn_packet_fails_with_the_wrong_high_half()
    {
        var vector = GcmPackets.First(row => (bool)row[5]);
        using var transform = GcmTransform((string)vector[1], (string)vector[2]);
        using var crypto = transform.CreateContext();
        var bytes = Hex.Bytes($"{(uint)vector[3]:x8}{(uint)(ulong)vector[4]:x8}{vector[6]}{vector[8]}");
        var buffer = new byte[PacketBufferLayout.HeadRoom + bytes.Length];
        bytes.CopyTo(buffer, PacketBufferLayout.HeadRoom);

        var status = EspOpener.AuthenticateAndDecrypt(transform, crypto, buffer, PacketBufferLayout.HeadRoom, bytes.Length,
            (uint)(ulong)vector[4], true, null, out _, out _, out _);

        Assert.Equal(OpenStatus.AuthenticationFailed, status);
    }

    private static SaTransform GcmTransform(string key, string salt)
    {
        var keyMaterial = Hex.Bytes(key + salt);
        var algorithm = keyMaterial.Length switch
        {
            20 => AeadAlgorithms.AesGcm16Key128,
            28 => AeadAlgorithms.AesGcm16Key192,
            _ => AeadAlgorithms.AesGcm16Key256,
        };
        return new SaTransform(IpsecProtocol.Esp, null, algorithm, null, keyMaterial, []);
    }
}
