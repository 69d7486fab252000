namespace Engine.Ike.Network;

/// <summary>
/// Where the engine's datagrams go: a UDP socket bound to ports 500 and 4500 in the host, an
/// in-memory network in tests. Received datagrams go the other way, through
/// <see cref="IkeEngine.Receive"/>. <see cref="Send"/> is called with the engine's lock held, so an
/// implementation queues or writes the datagram and must not call back into the engine.
/// </summary>
public interface IIkeDatagramTransport
{
    void Send(IkeDatagram datagram);
}
