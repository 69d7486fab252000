using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Network;
using Engine.Ike.Selectors;

namespace IpSecPolicy.IkeLoad;

/// <summary>
/// One initiator: its own IkeEngine on its own source address, with UDP 500 and 4500 sockets (the
/// responder may float to 4500: strongSwan's kernel-libipsec claims a NAT to get UDP encapsulation).
/// Records when its quick mode finished, or why it failed.
/// </summary>
internal sealed class LoadClient : IIkeDatagramTransport, IIkeEventSink, IDisposable
{
    private readonly Socket ike;
    private readonly Socket natTraversal;
    private readonly IkeEngine engine;
    private readonly QuickModeRequest request;
    private readonly TaskCompletionSource<bool> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private long startedTicks;

    public LoadClient(LoadOptions options, int index, IkeEngineOptions engineOptions)
    {
        Address = options.Source(index);
        ike = Bind(Address, 500);
        natTraversal = Bind(Address, 4500);
        var proposal = new QuickModeProposal(new EspProposal(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha2_256), null, 3600, 0);
        var child = new ChildPolicy
        {
            Name = "load",
            Local = TrafficSelector.ForHost(Address),
            Remote = TrafficSelector.ForHost(options.Target),
            TunnelPeer = options.Tunnel ? options.Target : null,
            Proposals = [proposal],
        };
        var policy = new IkePolicy
        {
            Name = "load",
            MainMode = new MainModePolicy
            {
                Proposals = [new MainModeProposal(IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha2_256, options.Group)],
            },
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.ForHost(options.Target), options.PreSharedKey)],
            ChildPolicies = [child],
        };
        request = new QuickModeRequest(child, Address, options.Target, child.Local, child.Remote);
        engine = new IkeEngine(engineOptions, policy, this, new NullKernel(), this, TimeProvider.System);
    }

    public IPAddress Address { get; }

    /// <summary>Setup time of the quick mode, from Initiate to the 541 event; null until done or when it failed.</summary>
    public TimeSpan? Latency { get; private set; }

    public long CompletedTicks { get; private set; }

    public string? Failure { get; private set; }

    public Task Done => done.Task;

    public void Start()
    {
        _ = ReceiveLoop(ike, 500);
        _ = ReceiveLoop(natTraversal, 4500);
        startedTicks = Stopwatch.GetTimestamp();
        engine.Initiate(request);
    }

    public void Send(IkeDatagram datagram)
    {
        var socket = datagram.Local.Port == 4500 ? natTraversal : ike;
        try
        {
            socket.SendTo(datagram.Payload.Span, SocketFlags.None, datagram.Remote);
        }
        catch (SocketException)
        {
            // Counted by the engine as a send failure; retransmission carries on.
        }
    }

    public void Publish(IkeEvent ikeEvent)
    {
        switch (ikeEvent)
        {
            case QuickModeEstablishedEvent { IsInitiator: true } when Latency is null:
                CompletedTicks = Stopwatch.GetTimestamp();
                Latency = Stopwatch.GetElapsedTime(startedTicks, CompletedTicks);
                done.TrySetResult(true);
                break;
            case NegotiationFailedEvent failed when Failure is null && Latency is null:
                Failure = $"{failed.Mode} {failed.Reason}";
                done.TrySetResult(false);
                break;
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        engine.Dispose();
        ike.Dispose();
        natTraversal.Dispose();
        stopping.Dispose();
    }

    private static Socket Bind(IPAddress address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, port));
        return socket;
    }

    private async Task ReceiveLoop(Socket socket, int port)
    {
        var buffer = new byte[65536];
        var local = new IPEndPoint(Address, port);
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var payload = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            engine.Receive(new IkeDatagram(payload, local, (IPEndPoint)received.RemoteEndPoint));
        }
    }
}
