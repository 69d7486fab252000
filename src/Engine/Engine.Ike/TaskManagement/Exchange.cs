using System.Security.Cryptography;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Network;
using Engine.Ike.Scheduling;

namespace Engine.Ike.TaskManagement;

/// <summary>
/// One exchange in the air (strongSwan's exchange_t plus its hashes): its message id, its tasks,
/// the last message we sent (for retransmission and for answering a retransmitted request), the
/// hash of the last message received (duplicate detection) and of the two before it (late
/// retransmissions of a step already passed, which must be ignored).
/// </summary>
internal sealed class Exchange
{
    private const int OldHashesKept = 2;
    private Queue<byte[]>? oldHashes;

    public Exchange(IsakmpExchangeType type, uint messageId, bool weInitiated, IEnumerable<IIkeTask> tasks)
    {
        Type = type;
        MessageId = messageId;
        WeInitiated = weInitiated;
        Tasks = tasks.ToList();
    }

    public IsakmpExchangeType Type { get; }

    public uint MessageId { get; }

    public bool WeInitiated { get; }

    public List<IIkeTask> Tasks { get; }

    public IkeDatagram? LastSent { get; set; }

    /// <summary>
    /// The hash of the message <see cref="LastSent"/> answered; only a repeat of that one gets it
    /// again (a repeated quick mode 3 must not bring back message 2, or the peers would ping-pong).
    /// </summary>
    public byte[]? LastSentAnswers { get; set; }

    /// <summary>Retransmissions of <see cref="LastSent"/> so far.</summary>
    public int Retransmissions { get; set; }

    public ScheduledJob? RetransmitJob { get; set; }

    /// <summary>No task is left: nothing more will be sent or expected, only duplicates answered.</summary>
    public bool IsComplete => Tasks.Count == 0;

    private byte[]? LastReceivedHash { get; set; }

    public static byte[] HashOf(ReadOnlySpan<byte> message) => SHA256.HashData(message);

    public bool IsDuplicate(byte[] hash) => LastReceivedHash is not null && hash.AsSpan().SequenceEqual(LastReceivedHash);

    public bool AnsweredBy(byte[] hash) => LastSentAnswers is not null && hash.AsSpan().SequenceEqual(LastSentAnswers);

    public bool IsOld(byte[] hash) => oldHashes is not null && oldHashes.Any(old => old.AsSpan().SequenceEqual(hash));

    public void Received(byte[] hash)
    {
        if (LastReceivedHash is not null)
        {
            oldHashes ??= new Queue<byte[]>(OldHashesKept + 1);
            oldHashes.Enqueue(LastReceivedHash);
            while (oldHashes.Count > OldHashesKept)
            {
                oldHashes.Dequeue();
            }
        }

        LastReceivedHash = hash;
    }

    public void StopRetransmitting()
    {
        RetransmitJob?.Cancel();
        RetransmitJob = null;
    }

    public override string ToString() => $"{Type} 0x{MessageId:x8}";
}
