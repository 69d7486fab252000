using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

/// <summary>Each violation ends in the typed exception carrying the notification RFC 2408 names for it.</summary>
public sealed class ProtocolViolationTests
{
    [Theory]
    [InlineData("00 00 00 14  00 00 00 02  00 00 00 01  00 00 00 08 01 01 00 00", IsakmpNotifyType.DoiNotSupported)]
    [InlineData("00 00 00 14  00 00 00 01  00 00 00 02  00 00 00 08 01 01 00 00", IsakmpNotifyType.SituationNotSupported)]
    // proposal announces 2 transforms, holds 1
    [InlineData("00 00 00 1c  00 00 00 01  00 00 00 01  00 00 00 10 01 01 00 02  00 00 00 08 01 01 00 00", IsakmpNotifyType.BadProposalSyntax)]
    // proposal followed by a payload of type 5 inside the SA
    [InlineData("00 00 00 1c  00 00 00 01  00 00 00 01  05 00 00 10 01 01 00 01  00 00 00 08 01 01 00 00", IsakmpNotifyType.BadProposalSyntax)]
    // transform followed by type 2 inside a proposal
    [InlineData("00 00 00 1c  00 00 00 01  00 00 00 01  00 00 00 10 01 01 00 01  02 00 00 08 01 01 00 00", IsakmpNotifyType.BadProposalSyntax)]
    // proposal length runs past the SA
    [InlineData("00 00 00 1c  00 00 00 01  00 00 00 01  00 00 00 40 01 01 00 01  00 00 00 08 01 01 00 00", IsakmpNotifyType.PayloadMalformed)]
    // transform attribute cut off (TLV says 4 bytes, 2 present)
    [InlineData("00 00 00 22  00 00 00 01  00 00 00 01  00 00 00 16 01 01 00 01  00 00 00 0e 01 01 00 00 00 0c 00 04 00 00", IsakmpNotifyType.PayloadMalformed)]
    // ESP proposal with a 3-byte SPI
    [InlineData("00 00 00 1f  00 00 00 01  00 00 00 01  00 00 00 13 01 03 03 01 aa bb cc  00 00 00 08 01 0c 00 00", IsakmpNotifyType.InvalidSpi)]
    // protocol 9
    [InlineData("00 00 00 20  00 00 00 01  00 00 00 01  00 00 00 14 01 09 04 01 aa bb cc dd  00 00 00 08 01 0c 00 00", IsakmpNotifyType.InvalidProtocolId)]
    // ISAKMP proposal whose transform is not KEY_IKE
    [InlineData("00 00 00 1c  00 00 00 01  00 00 00 01  00 00 00 10 01 01 00 01  00 00 00 08 01 02 00 00", IsakmpNotifyType.InvalidTransformId)]
    // same attribute twice
    [InlineData("00 00 00 24  00 00 00 01  00 00 00 01  00 00 00 18 01 01 00 01  00 00 00 10 01 01 00 00 80 01 00 07 80 01 00 05", IsakmpNotifyType.BadProposalSyntax)]
    // life duration without a life type before it
    [InlineData("00 00 00 24  00 00 00 01  00 00 00 01  00 00 00 18 01 01 00 01  00 00 00 10 01 01 00 00 00 0c 00 04 00 00 70 80", IsakmpNotifyType.BadProposalSyntax)]
    public void Security_association(string hex, IsakmpNotifyType notify) =>
        PayloadAssert.Rejects(IsakmpPayloadType.SecurityAssociation, hex, notify);

    [Theory]
    [InlineData(IsakmpPayloadType.Identification, "00 00 00 0d  01 00 00 00  0a 00 00 01 02", IsakmpNotifyType.InvalidIdInformation)]
    [InlineData(IsakmpPayloadType.Identification, "00 00 00 0c  00 00 00 00  0a 00 00 01", IsakmpNotifyType.InvalidIdInformation)]
    [InlineData(IsakmpPayloadType.Identification, "00 00 00 08  02 00 00 00", IsakmpNotifyType.InvalidIdInformation)]
    [InlineData(IsakmpPayloadType.Identification, "00 00 00 06  01 00", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Nonce, "00 00 00 0b  01 02 03 04 05 06 07", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.KeyExchange, "00 00 00 04", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Hash, "00 00 00 04", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Certificate, "00 00 00 06  00 30", IsakmpNotifyType.InvalidCertEncoding)]
    [InlineData(IsakmpPayloadType.Certificate, "00 00 00 05  04", IsakmpNotifyType.InvalidCertEncoding)]
    [InlineData(IsakmpPayloadType.CertificateRequest, "00 00 00 05  63", IsakmpNotifyType.CertTypeUnsupported)]
    [InlineData(IsakmpPayloadType.Notification, "00 00 00 0c  00 00 00 07  01 00 00 18", IsakmpNotifyType.DoiNotSupported)]
    [InlineData(IsakmpPayloadType.Notification, "00 00 00 0c  00 00 00 01  09 00 00 18", IsakmpNotifyType.InvalidProtocolId)]
    [InlineData(IsakmpPayloadType.Notification, "00 00 00 0f  00 00 00 01  01 00 8d 28  01 02 03", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Notification, "00 00 00 0c  00 00 00 01  01 10 8d 28", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Notification, "00 00 00 0f  00 00 00 01  03 00 60 00  80 01 00", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Delete, "00 00 00 10  00 00 00 01  03 04 00 02  c0 ff ee 01", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Delete, "00 00 00 10  00 00 00 01  09 04 00 01  c0 ff ee 01", IsakmpNotifyType.InvalidProtocolId)]
    [InlineData(IsakmpPayloadType.Delete, "00 00 00 10  00 00 00 01  03 02 00 02  c0 ff ee 01", IsakmpNotifyType.InvalidSpi)]
    [InlineData(IsakmpPayloadType.Delete, "00 00 00 0c  00 00 00 01  03 04 00 00", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Delete, "00 00 00 10  00 00 00 00  03 04 00 01  c0 ff ee 01", IsakmpNotifyType.DoiNotSupported)]
    [InlineData(IsakmpPayloadType.NatOriginalAddress, "00 00 00 0c  02 00 00 00  c0 a8 01 0a", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.NatOriginalAddressDraft, "00 00 00 0d  01 00 00 00  c0 a8 01 0a 00", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Fragment, "00 00 00 09  00 01 00 01  aa", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Fragment, "00 00 00 06  00 01", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.VendorId, "00 00 00 03", IsakmpNotifyType.PayloadMalformed)]
    [InlineData(IsakmpPayloadType.Proposal, "00 00 00 08  01 01 00 00", IsakmpNotifyType.InvalidPayloadType)]
    [InlineData(IsakmpPayloadType.Transform, "00 00 00 08  01 01 00 00", IsakmpNotifyType.InvalidPayloadType)]
    public void Other_payloads(IsakmpPayloadType type, string hex, IsakmpNotifyType notify) =>
        PayloadAssert.Rejects(type, hex, notify);

    [Fact]
    public void Writing_refuses_what_reading_would_refuse()
    {
        PayloadAssert.VerifyFails(new NoncePayload(new byte[257]), IsakmpNotifyType.PayloadMalformed);
        PayloadAssert.VerifyFails(new SecurityAssociationPayload([]), IsakmpNotifyType.BadProposalSyntax);
        PayloadAssert.VerifyFails(new ProposalPayload(1, IsakmpProtocolId.Esp, [1, 2, 3, 4], []), IsakmpNotifyType.BadProposalSyntax);
        PayloadAssert.VerifyFails(new IdentificationPayload(IdentificationType.Ipv6Address, 0, 0, new byte[4]), IsakmpNotifyType.InvalidIdInformation);
        PayloadAssert.VerifyFails(new DeletePayload(IsakmpProtocolId.Esp, 4, [new byte[4], new byte[3]]), IsakmpNotifyType.PayloadMalformed);
        PayloadAssert.VerifyFails(new FragmentPayload(1, 0, isLast: true, [1]), IsakmpNotifyType.PayloadMalformed);
        Assert.Throws<IsakmpProtocolException>(() => IsakmpPayloadChain.ToArray([new NoncePayload([1])]));
        Assert.Throws<InvalidOperationException>(() => IsakmpPayloadChain.ToArray(
            [new TransformPayload(1, 1, [])]));
        Assert.Throws<ArgumentException>(() => IdentificationPayload.ForRange(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("::1")));
    }
}
