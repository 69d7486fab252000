using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;

namespace Engine.Ike.TaskManagement;

/// <summary>
/// A received message after decryption, with the plaintext payload chain kept as it came: RFC
/// 2409 hashes over bodies "as on the wire" (SAi_b, IDii_b, the payloads after HASH), so they are
/// sliced from these bytes, never re-encoded.
/// </summary>
internal sealed class ReceivedMessage
{
    private readonly byte[] chain;
    private readonly int[] offsets;

    public ReceivedMessage(IsakmpMessage message, byte[] chain, bool wasEncrypted, IPEndPoint local, IPEndPoint remote)
    {
        Message = message;
        this.chain = chain;
        WasEncrypted = wasEncrypted;
        Local = local;
        Remote = remote;
        offsets = new int[message.Payloads.Count + 1];
        for (var i = 0; i < message.Payloads.Count; i++)
        {
            offsets[i + 1] = offsets[i] + message.Payloads[i].Length;
        }
    }

    public IsakmpMessage Message { get; }

    public uint MessageId => Message.Header.MessageId;

    public bool WasEncrypted { get; }

    public IPEndPoint Local { get; }

    public IPEndPoint Remote { get; }

    public IReadOnlyList<IsakmpPayload> Payloads => Message.Payloads;

    public T? Find<T>()
        where T : IsakmpPayload => Message.Find<T>();

    public IEnumerable<T> FindAll<T>()
        where T : IsakmpPayload => Message.FindAll<T>();

    /// <summary>The body (after the generic header) of a payload as received.</summary>
    public ReadOnlySpan<byte> RawBody(IsakmpPayload payload)
    {
        var index = IndexOf(payload);
        return chain.AsSpan(offsets[index] + IsakmpPayload.GenericHeaderSize, offsets[index + 1] - offsets[index] - IsakmpPayload.GenericHeaderSize);
    }

    /// <summary>Every payload after this one, generic headers included, up to the padding.</summary>
    public ReadOnlySpan<byte> RawAfter(IsakmpPayload payload)
    {
        var index = IndexOf(payload);
        return chain.AsSpan(offsets[index + 1], offsets[^1] - offsets[index + 1]);
    }

    private int IndexOf(IsakmpPayload payload)
    {
        for (var i = 0; i < Message.Payloads.Count; i++)
        {
            if (ReferenceEquals(Message.Payloads[i], payload))
            {
                return i;
            }
        }

        throw new ArgumentException("the payload is not part of this message", nameof(payload));
    }
}
