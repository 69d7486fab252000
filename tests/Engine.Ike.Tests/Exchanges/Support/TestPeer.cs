using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Network;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>One engine with its fake kernel, event log and trace, at one address of the in-memory network.</summary>
public sealed class TestPeer
{
    public TestPeer(IPAddress address, IkePolicy policy, IkeEngineOptions options, InMemoryNetwork network, TimeProvider clock)
    {
        Address = address;
        Policy = policy;
        Engine = new IkeEngine(options, policy, network.TransportFor(address), Kernel, Events, clock, Trace);
        network.Attach(address, Engine.Receive);
    }

    /// <summary>On a network of the test's own (the caller attaches <see cref="Engine"/>'s Receive to it).</summary>
    public TestPeer(IPAddress address, IkePolicy policy, IkeEngineOptions options, IIkeDatagramTransport transport, TimeProvider clock)
    {
        Address = address;
        Policy = policy;
        Engine = new IkeEngine(options, policy, transport, Kernel, Events, clock, Trace);
    }

    public IPAddress Address { get; }

    public IkePolicy Policy { get; }

    public IkeEngine Engine { get; }

    public FakeKernel Kernel { get; } = new();

    public EventLog Events { get; } = new();

    public TraceLog Trace { get; } = new();

    public override string ToString() => $"{Address}:{Environment.NewLine}{Trace}";
}
