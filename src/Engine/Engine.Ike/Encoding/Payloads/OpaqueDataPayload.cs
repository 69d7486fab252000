namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// A payload whose body is one opaque byte string: KE, HASH, SIG, NONCE, VID, NAT-D, and the
/// unknown payloads kept as they came.
/// </summary>
public abstract class OpaqueDataPayload : IsakmpPayload
{
    private readonly byte[] data;

    protected OpaqueDataPayload(ReadOnlySpan<byte> data)
    {
        this.data = data.ToArray();
    }

    public ReadOnlyMemory<byte> Data => data;

    public override int BodyLength => data.Length;

    public override void WriteBody(ref IsakmpWriter writer) => writer.WriteBytes(data);

    /// <summary>Throws PAYLOAD-MALFORMED when the payload carries nothing.</summary>
    protected void VerifyNotEmpty()
    {
        if (data.Length == 0)
        {
            throw IsakmpProtocolException.Malformed($"empty {PayloadType} payload");
        }
    }
}
