using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Certificate Request payload (RFC 2408 section 3.10): the certificate type wanted and, for
/// X.509, the DER distinguished name of an acceptable CA (empty means any CA).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Cert. Type   !                                               !
/// +-+-+-+-+-+-+-+-+                                               !
/// ~                    Certificate Authority                      ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class CertificateRequestPayload : IsakmpPayload
{
    private readonly byte[] authority;

    public CertificateRequestPayload(CertificateEncoding certificateType, ReadOnlySpan<byte> authority)
    {
        CertificateType = certificateType;
        this.authority = authority.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.CertificateRequest;

    public CertificateEncoding CertificateType { get; }

    public ReadOnlyMemory<byte> Authority => authority;

    public override int BodyLength => 1 + authority.Length;

    public static CertificateRequestPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var type = (CertificateEncoding)reader.ReadByte("certificate request type");
        return new CertificateRequestPayload(type, reader.ReadRemaining());
    }

    /// <summary>A type outside RFC 2408's list is CERT-TYPE-UNSUPPORTED (section 5.10).</summary>
    public override void Verify()
    {
        if (CertificateType == CertificateEncoding.None || !Enum.IsDefined(CertificateType))
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.CertTypeUnsupported, $"certificate request for type {(byte)CertificateType}");
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteByte((byte)CertificateType);
        writer.WriteBytes(authority);
    }
}
