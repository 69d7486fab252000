using System;
using System.Collections.Generic;
using System.Linq;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Encoding;

/// <summary>
/// AVP hiding, RFC 2661 section 4.3. The golden ciphertexts were computed outside this code base
/// (Python's hashlib) straight from the section's formulas: b1 = MD5(type + secret + RV), c1 = p1
/// xor b1, bi = MD5(secret + c(i-1)), over the subformat (2-octet original length, value).
/// Secret "secret", random vector 00..0f.
/// </summary>
public sealed class AvpHidingTests
{
    private static readonly byte[] Secret = System.Text.Encoding.ASCII.GetBytes("secret");
    private static readonly byte[] Vector = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    [Fact]
    public void HidingAShortValueMatchesTheIndependentVector()
    {
        var hidden = new byte[4];
        AvpHiding.Hide((ushort)AvpType.AssignedSessionId, Secret, Vector, Hex.Parse("beef"), default, hidden);
        Assert.Equal("3b5b5db0", Hex.Format(hidden));
    }

    [Fact]
    public void HidingAValueLongerThanOneBlockChainsOnTheCiphertext()
    {
        var value = System.Text.Encoding.ASCII.GetBytes("a-rather-long-user-name");
        var hidden = new byte[2 + value.Length];
        AvpHiding.Hide((ushort)AvpType.ProxyAuthenName, Secret, Vector, value, default, hidden);
        Assert.Equal("b030c63777d09b887c24ea9d1a28cad4edcdf718eaa12e97b9", Hex.Format(hidden));

        Assert.True(AvpHiding.TryUnhide((ushort)AvpType.ProxyAuthenName, Secret, Vector, hidden, new byte[hidden.Length], out var recovered));
        Assert.Equal(value, recovered.ToArray());
    }

    [Fact]
    public void PaddingHidesTheLengthAndIsDroppedOnUnhide()
    {
        var hidden = new byte[2 + 2 + 12];
        AvpHiding.Hide(14, Secret, Vector, Hex.Parse("beef"), new byte[12], hidden);
        Assert.True(AvpHiding.TryUnhide(14, Secret, Vector, hidden, new byte[hidden.Length], out var recovered));
        Assert.Equal("beef", Hex.Format(recovered));
    }

    [Fact]
    public void EncoderPutsTheRandomVectorBeforeTheHiddenAvpAndSetsTheHBit()
    {
        var attributes = new ControlAttributes { MessageType = ControlMessageType.Icrp, AssignedSessionId = 0xbeef };
        var hiding = new AvpHidingOptions(Secret, new HashSet<AvpType> { AvpType.AssignedSessionId }, Vector);

        var body = ControlAttributesCodec.Encode(attributes, hiding);

        // Message Type ICRP, Random Vector (M, 22 octets), Assigned Session ID with M and H (0xC00A).
        Assert.Equal(Hex.Parse("8008 0000 0000 000b 8016 0000 0024 000102030405060708090a0b0c0d0e0f c00a 0000 000e 3b5b5db0"), body);

        var decoded = ControlAttributesCodec.Decode(body, Secret);
        Assert.Equal((ushort)0xbeef, decoded.AssignedSessionId);
        Assert.Contains(AvpType.AssignedSessionId, decoded.HiddenOnReceipt);
    }

    [Fact]
    public void AttributesTheRfcForbidsToHideGoInTheClear()
    {
        var attributes = new ControlAttributes { MessageType = ControlMessageType.Sccrq, HostName = "lac", AssignedTunnelId = 9 };
        var hiding = new AvpHidingOptions(Secret, new HashSet<AvpType> { AvpType.HostName, AvpType.AssignedTunnelId }, Vector);

        var decoded = ControlAttributesCodec.Decode(ControlAttributesCodec.Encode(attributes, hiding), Secret);

        Assert.Equal("lac", decoded.HostName);
        Assert.Equal((ushort)9, decoded.AssignedTunnelId);
        Assert.Equal(new[] { AvpType.AssignedTunnelId }, decoded.HiddenOnReceipt);
    }

    [Fact]
    public void WrongSecretIsARefusalWithoutRevealingEitherSecret()
    {
        var body = Hex.Parse("8008 0000 0000 000b 8016 0000 0024 000102030405060708090a0b0c0d0e0f c00a 0000 000e 3b5b5db0");
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(body, System.Text.Encoding.ASCII.GetBytes("other")));
        Assert.Equal(L2tpFailureScope.Session, failure.Scope);
        Assert.DoesNotContain("secret", failure.Message.Replace("shared secrets differ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenAvpWithoutARandomVectorIsRefused()
    {
        var body = Hex.Parse("8008 0000 0000 000b c00a 0000 000e 3b5b5db0");
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(body, Secret));
        Assert.Contains("Random Vector", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenAvpWithoutASecretIsSkippedWhenOptionalAndRefusedWhenMandatory()
    {
        var optional = Hex.Parse("8008 0000 0000 0006 8016 0000 0024 000102030405060708090a0b0c0d0e0f 400a 0000 001e 3b5b5db0");
        var decoded = ControlAttributesCodec.Decode(optional, default);
        Assert.Null(decoded.ProxyAuthenName);
        Assert.True(Assert.Single(decoded.Skipped).Hidden);

        var mandatory = Hex.Parse("8008 0000 0000 000b 8016 0000 0024 000102030405060708090a0b0c0d0e0f c00a 0000 000e 3b5b5db0");
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(mandatory, default));
        Assert.Contains("no shared secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenMessageTypeIsMalformed()
    {
        var failure = Assert.Throws<L2tpProtocolException>(() => ControlAttributesCodec.Decode(Hex.Parse("c008 0000 0000 0006"), Secret));
        Assert.Equal(L2tpFailureScope.Datagram, failure.Scope);
    }
}
