using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding;

/// <summary>
/// One IKEv1 message: the header and an ordered payload chain. A message with the Encryption flag
/// arrives as header plus ciphertext (<see cref="EncryptedBody"/>); the exchange layer decrypts it
/// with the phase-1 keys and hands the plaintext to <see cref="WithDecryptedBody"/>, which reads
/// the chain starting with the header's Next Payload and allows padding after the last payload.
/// </summary>
public sealed class IsakmpMessage
{
    private readonly byte[]? encryptedBody;

    /// <summary>A cleartext message (or one whose body has been decrypted).</summary>
    public IsakmpMessage(IsakmpHeader header, IEnumerable<IsakmpPayload> payloads)
    {
        Header = header;
        Payloads = payloads.ToArray();
        encryptedBody = null;
    }

    private IsakmpMessage(IsakmpHeader header, IReadOnlyList<IsakmpPayload> payloads, byte[]? encryptedBody)
    {
        Header = header;
        Payloads = payloads;
        this.encryptedBody = encryptedBody;
    }

    /// <summary>
    /// The header: as received, or as given (then <see cref="IsakmpHeader.NextPayload"/> and
    /// <see cref="IsakmpHeader.Length"/> are recomputed on write).
    /// </summary>
    public IsakmpHeader Header { get; }

    /// <summary>The payloads in wire order; empty while the body is still encrypted.</summary>
    public IReadOnlyList<IsakmpPayload> Payloads { get; }

    /// <summary>True while the payloads are ciphertext that nobody has decrypted yet.</summary>
    public bool HasEncryptedBody => encryptedBody is not null;

    /// <summary>The ciphertext after the header (IV handling and padding are the exchange layer's).</summary>
    public ReadOnlyMemory<byte> EncryptedBody => encryptedBody ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Payloads of a type this codec does not know; kept so the caller can log or refuse them.</summary>
    public IEnumerable<UnknownPayload> UnknownPayloads => Payloads.OfType<UnknownPayload>();

    /// <summary>
    /// A message whose body is already encrypted: the exchange layer serialises the chain with
    /// <see cref="IsakmpPayloadChain.ToArray"/>, pads and encrypts it, and passes the first payload's
    /// type because the header must still name it.
    /// </summary>
    public static IsakmpMessage CreateEncrypted(IsakmpHeader header, IsakmpPayloadType firstPayload, ReadOnlySpan<byte> ciphertext) =>
        new(header with { NextPayload = firstPayload, Flags = header.Flags | IsakmpHeaderFlags.Encryption }, [], ciphertext.ToArray());

    /// <summary>
    /// Reads a whole message from one datagram (without the non-ESP marker). False when the
    /// datagram is shorter than the header or than the header's Length; a violation (bad version,
    /// exchange type, flags, lengths or payloads) throws <see cref="IsakmpProtocolException"/> with
    /// the notify type to answer.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out IsakmpMessage? message)
    {
        message = null;
        if (!IsakmpHeader.TryRead(datagram, out var header))
        {
            return false;
        }

        header.Verify();
        if (header.Length > (uint)datagram.Length)
        {
            return false;
        }

        // RFC 2408 section 5.1: the datagram and the header must agree on the length.
        if (header.Length != (uint)datagram.Length)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.UnequalPayloadLengths, $"header length {header.Length} but {datagram.Length} bytes received");
        }

        var body = datagram[IsakmpHeader.Size..(int)header.Length];
        message = header.IsEncrypted
            ? new IsakmpMessage(header, [], body.ToArray())
            : new IsakmpMessage(header, IsakmpPayloadChain.Parse(body, header.NextPayload, allowTrailingPadding: false), null);
        return true;
    }

    /// <summary>
    /// The same message with the payloads read from its decrypted body. The chain starts with the
    /// header's Next Payload; bytes after the last payload are padding (RFC 2409 section 5.3
    /// pads to the cipher block; some peers add more), so they are allowed and ignored.
    /// </summary>
    public IsakmpMessage WithDecryptedBody(ReadOnlySpan<byte> plaintext) =>
        new(Header, IsakmpPayloadChain.Parse(plaintext, Header.NextPayload, allowTrailingPadding: true), null);

    public T? Find<T>()
        where T : IsakmpPayload => Payloads.OfType<T>().FirstOrDefault();

    public IEnumerable<T> FindAll<T>()
        where T : IsakmpPayload => Payloads.OfType<T>();

    /// <summary>Bytes on the wire.</summary>
    public int GetEncodedLength() =>
        IsakmpHeader.Size + (encryptedBody?.Length ?? IsakmpPayloadChain.GetLength(Payloads));

    /// <summary>The header as it goes on the wire: first payload and total length filled in.</summary>
    public IsakmpHeader GetWireHeader() => Header with
    {
        NextPayload = encryptedBody is null ? IsakmpPayloadChain.FirstType(Payloads) : Header.NextPayload,
        Length = (uint)GetEncodedLength(),
    };

    /// <summary>Writes the message; false when <paramref name="destination"/> is too small.</summary>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        var length = GetEncodedLength();
        bytesWritten = 0;
        if (destination.Length < length)
        {
            return false;
        }

        var header = GetWireHeader();
        header.Verify();
        if (header.IsEncrypted && encryptedBody is null)
        {
            // Never put plaintext on the wire under the Encryption flag: a decrypted message is
            // for reading; sending needs CreateEncrypted with the ciphertext.
            throw new InvalidOperationException("the header has the Encryption flag but the body is plaintext; use CreateEncrypted");
        }

        var writer = new IsakmpWriter(destination[..length]);
        header.Write(ref writer);
        if (encryptedBody is not null)
        {
            writer.WriteBytes(encryptedBody);
        }
        else
        {
            IsakmpPayloadChain.Write(Payloads, ref writer);
        }

        bytesWritten = writer.Position;
        return true;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[GetEncodedLength()];
        TryWrite(bytes, out _);
        return bytes;
    }
}
