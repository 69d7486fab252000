namespace Engine.Ike.Events;

/// <summary>
/// Receives the engine's structured events; the host turns them into log lines and audit records.
/// Called with the engine's lock held: queue, do not block, do not call back.
/// </summary>
public interface IIkeEventSink
{
    void Publish(IkeEvent ikeEvent);
}
