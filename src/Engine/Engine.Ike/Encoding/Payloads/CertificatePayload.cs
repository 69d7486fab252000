using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Certificate payload (RFC 2408 section 3.9); for IKEv1 with X.509 the encoding is 4 (X.509
/// Signature) and the data one DER certificate.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Cert Encoding !                                               !
/// +-+-+-+-+-+-+-+-+                                               !
/// ~                       Certificate Data                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class CertificatePayload : IsakmpPayload
{
    private readonly byte[] data;

    public CertificatePayload(CertificateEncoding encoding, ReadOnlySpan<byte> data)
    {
        Encoding = encoding;
        this.data = data.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Certificate;

    public CertificateEncoding Encoding { get; }

    public ReadOnlyMemory<byte> Data => data;

    public override int BodyLength => 1 + data.Length;

    public static CertificatePayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var encoding = (CertificateEncoding)reader.ReadByte("certificate encoding");
        return new CertificatePayload(encoding, reader.ReadRemaining());
    }

    /// <summary>An encoding outside RFC 2408's list, or no certificate at all, is INVALID-CERT-ENCODING.</summary>
    public override void Verify()
    {
        if (Encoding == CertificateEncoding.None || !Enum.IsDefined(Encoding))
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidCertEncoding, $"certificate encoding {(byte)Encoding}");
        }

        if (data.Length == 0)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidCertEncoding, "certificate payload without a certificate");
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteByte((byte)Encoding);
        writer.WriteBytes(data);
    }
}
