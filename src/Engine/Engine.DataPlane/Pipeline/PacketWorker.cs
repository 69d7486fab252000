namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The identity of one packet loop: its crypto slot (which keyed objects of each SA it uses) and
/// its counters. The control worker (slot 0) sends held packets from the host's thread, under a lock.
/// </summary>
internal sealed class PacketWorker
{
    public PacketWorker(int slot)
    {
        Slot = slot;
    }

    public int Slot { get; }

    public WorkerCounters Counters { get; } = new();

    /// <summary>
    /// Where an outbound loop collects sealed packets to send in one call per batch; null for
    /// workers that send each packet at once (inbound loops, the control worker).
    /// </summary>
    public OutgoingBatch? Outgoing { get; set; }
}
