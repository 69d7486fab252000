using System.Net.Sockets;
using Engine.Ike.Network;
using Engine.Ike.Trace;

namespace Engine.Ike.Statistics;

/// <summary>
/// Stands between the engine and the host's socket to count failed sends. A transport reports a
/// failed send by throwing <see cref="SocketException"/>; the message is then as good as lost on
/// the wire, which retransmission already handles, so the failure is counted and traced and the
/// negotiation carries on instead of the exception unwinding a timer or a receive.
/// </summary>
internal sealed class CountingDatagramTransport : IIkeDatagramTransport
{
    private readonly IIkeDatagramTransport inner;
    private readonly IkeCounters counters;
    private readonly IkeTracer tracer;

    public CountingDatagramTransport(IIkeDatagramTransport inner, IkeCounters counters, IkeTracer tracer)
    {
        this.inner = inner;
        this.counters = counters;
        this.tracer = tracer;
    }

    public void Send(IkeDatagram datagram)
    {
        try
        {
            inner.Send(datagram);
        }
        catch (SocketException failure)
        {
            counters.CountSendFailure();
            tracer.Write("-", IkeTraceCategory.Send, $"to {datagram.Remote}: the socket did not send {datagram.Payload.Length} bytes ({failure.SocketErrorCode}: {failure.Message})");
        }
    }
}
