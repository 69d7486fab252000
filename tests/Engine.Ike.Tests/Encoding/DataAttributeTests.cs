using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

public sealed class DataAttributeTests
{
    [Theory]
    // TV (AF=1): type with the top bit set, the value in the second word.
    [InlineData("80 01 00 07", 1, true, 7)]                 // IKE encryption algorithm AES-CBC
    [InlineData("80 0e 01 00", 14, true, 256)]              // IKE key length 256
    [InlineData("80 03 fd e9", 3, true, 65001)]             // IKE auth XAUTHInitPreShared
    [InlineData("80 04 f0 03", 4, true, 61443)]             // IPsec encapsulation UDP tunnel (draft)
    [InlineData("80 0b 00 01", 11, true, 1)]                // ESN on
    // TLV (AF=0): type, length, value.
    [InlineData("00 0c 00 04 00 00 70 80", 12, false, 28800)]       // IKE life duration, 4 bytes
    [InlineData("00 02 00 04 00 01 86 a0", 2, false, 100000)]       // IPsec life duration in KB
    [InlineData("00 0c 00 02 70 80", 12, false, 28800)]             // a 2-byte TLV is a number too
    [InlineData("00 02 00 08 00 00 00 01 00 00 00 00", 2, false, 4294967296)] // 64-bit duration
    public void Reads_and_writes_both_forms(string hex, int type, bool isBasic, ulong value)
    {
        var bytes = Hex.Parse(hex);
        var reader = new IsakmpReader(bytes);
        Assert.True(DataAttribute.TryRead(ref reader, out var attribute));
        Assert.Equal(0, reader.Remaining);
        Assert.Equal(type, attribute!.Type);
        Assert.Equal(isBasic, attribute.IsBasic);
        Assert.True(attribute.TryGetInteger(out var number));
        Assert.Equal(value, number);
        Assert.Equal(bytes.Length, attribute.Length);

        var written = new byte[attribute.Length];
        var writer = new IsakmpWriter(written);
        attribute.Write(ref writer);
        Assert.Equal(Hex.Format(bytes), Hex.Format(written));

        for (var length = 0; length < bytes.Length; length++)
        {
            var shortReader = new IsakmpReader(bytes.AsSpan(0, length));
            Assert.False(DataAttribute.TryRead(ref shortReader, out _));
        }
    }

    [Fact]
    public void Integer_chooses_tv_when_it_fits_and_tlv_otherwise()
    {
        Assert.Equal("800c0e10", Written(DataAttribute.Integer(12, 3600)));
        Assert.Equal("000c000400015180", Written(DataAttribute.Integer(12, 86400)));
        Assert.Equal("000c00080000000100000000", Written(DataAttribute.Integer(12, 0x1_0000_0000)));
        Assert.Equal("000c000400000e10", Written(DataAttribute.VariableUInt32(12, 3600)));
    }

    [Fact]
    public void Typed_factories_write_rfc_2409_and_rfc_2407_numbers()
    {
        Assert.Equal("80010005", Written(IkeAttributes.Encryption(IkeEncryptionAlgorithm.TripleDesCbc)));
        Assert.Equal("80020004", Written(IkeAttributes.Hash(IkeHashAlgorithm.Sha2_256)));
        Assert.Equal("8003fde9", Written(IkeAttributes.Authentication(IkeAuthenticationMethod.XauthInitiatorPreSharedKey)));
        Assert.Equal("8004000e", Written(IkeAttributes.Group(DiffieHellmanGroup.Modp2048)));
        Assert.Equal("80050002", Written(IkeAttributes.GroupType(IkeGroupType.Ecp)));
        Assert.Equal(["800b0002", "000c0004000186a0"], IkeAttributes.LifetimeKilobytes(100000).Select(Written));
        Assert.Equal(["80010001", "0002000400000e10"], IpsecAttributes.LifetimeSeconds(3600).Select(Written));
        Assert.Equal("80030013", Written(IpsecAttributes.Group(DiffieHellmanGroup.EcpP256)));
        Assert.Equal("8004f004", Written(IpsecAttributes.Encapsulation(EncapsulationMode.UdpTransportDraft)));
        Assert.Equal("80040003", Written(IpsecAttributes.Encapsulation(EncapsulationMode.UdpTunnel)));
        Assert.Equal("80050005", Written(IpsecAttributes.Authentication(IpsecAuthenticationAlgorithm.HmacSha2_256)));
        Assert.Equal("80060080", Written(IpsecAttributes.KeyLength(128)));
        Assert.Equal("800b0001", Written(IpsecAttributes.ExtendedSequenceNumbers()));
    }

    [Fact]
    public void A_tlv_value_longer_than_eight_bytes_is_not_a_number()
    {
        var attribute = DataAttribute.Variable(6, new byte[9]);
        Assert.False(attribute.TryGetInteger(out _));
        Assert.False(DataAttribute.Variable(6, []).TryGetInteger(out _));
    }

    [Fact]
    public void A_list_cut_inside_an_attribute_is_payload_malformed()
    {
        var exception = Assert.Throws<IsakmpProtocolException>(() => DataAttributeList.Parse(Hex.Parse("80 01 00 07 00 0c 00 04 00 00")));
        Assert.Equal(IsakmpNotifyType.PayloadMalformed, exception.NotifyType);
    }

    [Fact]
    public void Attribute_types_have_fifteen_bits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataAttribute.Basic(0x8001, 1));
    }

    private static string Written(DataAttribute attribute)
    {
        var bytes = new byte[attribute.Length];
        var writer = new IsakmpWriter(bytes);
        attribute.Write(ref writer);
        return Hex.Format(bytes);
    }
}
