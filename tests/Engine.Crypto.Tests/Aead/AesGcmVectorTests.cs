using System;
using System.Buffers.Binary;
using Engine.Crypto.Aead;
using Engine.Crypto.Esp;

namespace Engine.Crypto.Tests.Aead;

/// <summary>
/// ESP AES-GCM-16 against the ESP packet vectors of draft-mcgrew-gcm-test-01 (section 4: IPv4
/// packets with the ESP trailer, AAD = SPI || sequence number, 32-bit and extended) and the
/// McGrew-Viega GCM specification test cases 3, 4, 9, 15 and 16 (salt cafebabe, IV facedbaddecaf888).
/// </summary>
public class AesGcmVectorTests
{
    public static TheoryData<string, string, string, string, string, string, string> EspPackets => new()
    {
        {
            "128-bit key, SPI 4321, ESN 8765432100000000", "4c80cdefbb5d10da906ac73c3613a634", "2e443b684956ed7e3b244cfe", "000043218765432100000000",
            "45000048699a000080114db7c0a80102c0a801010a9bf15638d301000001000000000000045f736970045f756470037369700963796265726369747902646b000021000101020201",
            "fecf537e729d5b07dc30df528dd22b768d1b98736696a6fd348509fa13ceac34cfa2436f14a3f3cf65925bf1f4a13c5d15b21e1884f5ff6247aeabb786b93bce61bc17d768fd9732",
            "459018148f6cbe722fd04796562dfdb4"
        },
        {
            "128-bit key, SPI a5f8, sequence 10", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "0000a5f80000000a",
            "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d001000001000000000000037369700963796265726369747902646b00000100010001",
            "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c3de81827c10e9a4f51330d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd1",
            "83b70d3aa8bc6ee4c309e9d85a41ad4a"
        },
        {
            "256-bit key, SPI 4a2cbfe3, sequence 2", "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "112233440102030405060708", "4a2cbfe300000002",
            "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee0000000007002400020bf0000020405b40101040201020201",
            "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763748a637985771d347f0545659f14e99def842d8e",
            "b335f4eecfdbf831824b4c4915956c96"
        },
        {
            "128-bit zero key, SPI 0, sequence 1", "00000000000000000000000000000000", "000000000000000000000000", "0000000000000001",
            "4500003c99c500008001cb7a40679318010101010800075c020044006162636465666768696a6b6c6d6e6f707172737475767761626364656667686901020201",
            "4688daf2f973a392732909c331d56d60f694abaa414b5e7ff5fdcdfff5e9a284456476492719ffb64de7d9dca1e1d894bc3bd57873ed4d181d19d4d5c8c18af3",
            "f821d496eeb096e98ad2b69e4799c71d"
        },
        {
            "192-bit key, SPI a5f8, sequence 10", "feffe9928665731c6d6a8f9467308308feffe9928665731c", "cafebabefacedbaddecaf888", "0000a5f80000000a",
            "45000028a4ad4000400678800a01038f0a010612802306b8cb712602dd6bb03e501016d075680001",
            "a5b1f8066029aea40e598b8122de02420938b3ab33f828e687b8858b5bfbdbd0315b27452144cc77",
            "95457b9652037f5318027b5b4cd7a636"
        },
        {
            "256-bit key, SPI 17405e67, ESN 156f3126dd0db99b", "abbccddef00112233445566778899aababbccddef00112233445566778899aab", "73616c74616e640169766563", "17405e67156f3126dd0db99b",
            "45080028732c00004006e9f90a0106120a01038f06b88023dd6bafbecb71260250101f646d540001",
            "f2d69ecdbd5a0d5b8d5ef38bad4da58d1f278fde98ef67549d524a3018d9a57ff4d3a31ce673119e",
            "451626c2415771e3b7eebca614c89b35"
        },
        {
            "128-bit key, SPI 335467ae, sequence ffffffff, 4-byte payload", "7d773d00c144c525ac619d18c84a3f47", "d966426743457e9182443bc6", "335467aeffffffff",
            "01020201", "437f866b", "cb3f699fe9b0822bac961c4504bef270"
        },
        {
            "256-bit key, SPI 796b6963, ESN ffffffffffffffff", "6c6567616c697a656d6172696a75616e61616e64646f69746265666f72656961", "7475726e333021696765746d", "796b6963ffffffffffffffff",
            "45000030da3a00008001df3bc0a80005c0a800010800c6cd020007006162636465666768696a6b6c6d6e6f707172737401020201",
            "f97ab2aa356d8edce17644ac8c78e25dd24dedbb29ebf1b64a274b39b49c3a864cd3d78ca4ae68a32b42458fb57dbe821dcc63b9",
            "d0937ba2945f669368661a329fb4c053"
        },
    };

    public static TheoryData<string, string, string, string, string, string> SpecificationCases => new()
    {
        {
            "GCM test case 3", "feffe9928665731c6d6a8f9467308308", "",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4"
        },
        {
            "GCM test case 4", "feffe9928665731c6d6a8f9467308308", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47"
        },
        {
            "GCM test case 9", "feffe9928665731c6d6a8f9467308308feffe9928665731c", "",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710acade256",
            "9924a7c8587336bfb118024db8674a14"
        },
        {
            "GCM test case 15", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c"
        },
        {
            "GCM test case 16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b"
        },
    };

    [Theory]
    [MemberData(nameof(EspPackets))]
    public void Seals_and_opens_the_draft_esp_packet(string source, string key, string nonce, string aad, string plaintext, string ciphertext, string icv)
    {
        // The nonce is salt (the last 4 bytes of KEYMAT) || the 8-byte explicit IV.
        var keyMaterial = Hex.Bytes(key + nonce[..8]);
        Check(source, keyMaterial, Hex.Bytes(nonce[8..]), Hex.Bytes(aad), plaintext, ciphertext, icv);
    }

    [Theory]
    [MemberData(nameof(EspPackets))]
    public void Esp_aad_is_spi_then_sequence_number(string source, string key, string nonce, string aad, string plaintext, string ciphertext, string icv)
    {
        _ = (key, nonce, plaintext, ciphertext, icv);
        var expected = Hex.Bytes(aad);
        var spi = BinaryPrimitives.ReadUInt32BigEndian(expected);
        var extended = expected.Length == EspAad.ExtendedSize;
        var sequence = extended ? BinaryPrimitives.ReadUInt64BigEndian(expected.AsSpan(4)) : BinaryPrimitives.ReadUInt32BigEndian(expected.AsSpan(4));
        var written = new byte[EspAad.ExtendedSize];

        var length = EspAad.Write(written, spi, sequence, extended);

        Assert.True(expected.AsSpan().SequenceEqual(written.AsSpan(0, length)), source);
    }

    [Theory]
    [MemberData(nameof(SpecificationCases))]
    public void Matches_the_gcm_specification_case(string source, string key, string aad, string plaintext, string ciphertext, string icv) =>
        Check(source, Hex.Bytes(key + "cafebabe"), Hex.Bytes("facedbaddecaf888"), Hex.Bytes(aad), plaintext, ciphertext, icv);

    private static void Check(string source, byte[] keyMaterial, byte[] iv, byte[] aad, string plaintext, string ciphertext, string icv)
    {
        using var aead = Algorithm(keyMaterial.Length).Create(keyMaterial);
        var data = Hex.Bytes(plaintext);
        var tag = new byte[aead.IcvSize];

        aead.Seal(aad, iv, data, tag);
        Assert.True(Hex.Bytes(ciphertext).AsSpan().SequenceEqual(data), source);
        Assert.True(Hex.Bytes(icv).AsSpan().SequenceEqual(tag), source);

        Assert.True(aead.Open(aad, iv, data, tag), source);
        Assert.True(Hex.Bytes(plaintext).AsSpan().SequenceEqual(data), source);
    }

    private static AeadAlgorithm Algorithm(int keyMaterialSize) => keyMaterialSize switch
    {
        20 => AeadAlgorithms.AesGcm16Key128,
        28 => AeadAlgorithms.AesGcm16Key192,
        36 => AeadAlgorithms.AesGcm16Key256,
        _ => throw new ArgumentOutOfRangeException(nameof(keyMaterialSize)),
    };
}
