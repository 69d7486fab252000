using Engine.Ike.Events;

namespace Engine.Ike.Tests.Exchanges.Support;

public sealed class EventLog : IIkeEventSink
{
    public List<IkeEvent> Events { get; } = [];

    public IEnumerable<T> Of<T>()
        where T : IkeEvent => Events.OfType<T>();

    public IEnumerable<NegotiationFailedEvent> Failures => Of<NegotiationFailedEvent>();

    public void Publish(IkeEvent ikeEvent) => Events.Add(ikeEvent);
}
