using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.TaskManagement;

/// <summary>
/// A message the tasks of an exchange fill in turn. The task manager adds the header, encrypts
/// when <see cref="Encrypt"/> says so and sends it.
/// </summary>
internal sealed class OutgoingMessage
{
    public OutgoingMessage(IsakmpExchangeType exchange, uint messageId, bool encrypt)
    {
        Exchange = exchange;
        MessageId = messageId;
        Encrypt = encrypt;
    }

    public IsakmpExchangeType Exchange { get; }

    public uint MessageId { get; }

    /// <summary>Main mode messages 5 and 6, quick mode, informational after phase 1.</summary>
    public bool Encrypt { get; set; }

    public List<IsakmpPayload> Payloads { get; } = [];

    /// <summary>Runs after the message is encrypted and sent (main mode 6 completes phase 1 only then).</summary>
    public List<Action> AfterSend { get; } = [];

    public void Add(IsakmpPayload payload) => Payloads.Add(payload);

    /// <summary>The body of a payload as it will be on the wire (for SAi_b, IDii_b and HASH inputs).</summary>
    public static byte[] BodyOf(IsakmpPayload payload) => Encoding.IsakmpPayloadChain.ToArray([payload])[IsakmpPayload.GenericHeaderSize..];
}
