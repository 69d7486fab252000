using System.Threading;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The worker for packets the host's threads send: held packets released when their SA arrives
/// and NAT keepalives from the housekeeping timer. It has crypto slot 0 and is used under
/// <see cref="Gate"/>, since those callers are not one thread.
/// </summary>
internal sealed class ControlWorker
{
    public const int Slot = 0;

    public Lock Gate { get; } = new();

    public PacketWorker Worker { get; } = new(Slot);
}
