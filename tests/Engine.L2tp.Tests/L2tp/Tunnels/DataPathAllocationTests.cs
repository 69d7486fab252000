using System;
using System.Collections.Generic;
using Engine.L2tp.L2tp;
using Engine.L2tp.Tests.L2tp.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Tunnels;

/// <summary>The data path (SendFrame, then Receive and DeliverFrame on the other side) allocates nothing per frame.</summary>
public sealed class DataPathAllocationTests
{
    [Fact]
    public void SendingAndReceivingFramesAllocatesNothing()
    {
        var time = new FakeTimeProvider();
        var lacHandler = new ForwardingHandler();
        var lnsHandler = new ForwardingHandler();
        var lac = new L2tpEndpoint(TestNetwork.Options("lac", 1), lacHandler, time);
        var lns = new L2tpEndpoint(TestNetwork.Options("lns", 2), lnsHandler, time);
        var lacKey = new L2tpPeerKey(1, TestNetwork.LacEndPoint);
        var lnsKey = new L2tpPeerKey(1, TestNetwork.LnsEndPoint);
        lacHandler.Deliver = datagram => lns.Receive(lacKey, datagram);
        lnsHandler.Deliver = datagram => lac.Receive(lnsKey, datagram);

        var session = lac.OpenTunnel(lnsKey).OpenSession();
        for (var i = 0; i < 20; i++)
        {
            lacHandler.Flush();
            lnsHandler.Flush();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(L2tpSessionState.Established, session.State);
        var frame = new byte[1400];
        lacHandler.Receiver = lns;
        lacHandler.ReceiverKey = lacKey;
        lacHandler.Direct = true;
        for (var i = 0; i < 100; i++)
        {
            session.SendFrame(frame);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            session.SendFrame(frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(10_100, lnsHandler.FramesDelivered);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for 10000 frames");
    }

    private sealed class ForwardingHandler : IL2tpEndpointHandler
    {
        private readonly Queue<byte[]> pending = new();
        private readonly byte[] buffer = new byte[2048];

        public Action<byte[]>? Deliver { get; set; }

        public bool Direct { get; set; }

        public int FramesDelivered { get; private set; }

        public L2tpEndpoint? Receiver { get; set; }

        public L2tpPeerKey ReceiverKey { get; set; }

        public void Flush()
        {
            while (pending.Count > 0)
            {
                Deliver!(pending.Dequeue());
            }
        }

        public void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload)
        {
            if (!Direct)
            {
                pending.Enqueue(payload.ToArray());
                return;
            }

            // The measured path: the datagram goes straight into the other endpoint (another lock,
            // so this does not re-enter the sender), through a buffer reused for every frame.
            payload.CopyTo(buffer);
            Receiver!.Receive(ReceiverKey, buffer.AsSpan(0, payload.Length));
        }

        public void DeliverFrame(L2tpSession session, ReadOnlySpan<byte> frame) => FramesDelivered++;
    }
}
