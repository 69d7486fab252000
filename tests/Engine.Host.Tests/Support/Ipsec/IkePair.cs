using System;
using System.Collections.Generic;
using System.Net;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Network;
using Engine.Ike.Selectors;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>
/// Two real IKE engines with real data planes in one process, 192.0.2.10 and 192.0.2.20, joined
/// by a wire that queues what they send and delivers it when the test pumps (so nothing re-enters
/// an engine). Everything that crosses the wire, IKE and ESP, is kept as IPv4 packets in order,
/// ready for a pcap.
/// </summary>
internal sealed class IkePair : IDisposable
{
    public const string Key = "a pre-shared key for the monitor tests";

    public static readonly IPAddress InitiatorAddress = IPAddress.Parse("192.0.2.10");
    public static readonly IPAddress ResponderAddress = IPAddress.Parse("192.0.2.20");

    // Timers of a real clock may send from another thread while a test pumps: the wire is locked.
    private readonly object wire = new();
    private readonly Queue<IkeDatagram> queue = new();

    public IkePair(TimeProvider? clock = null, QuickModeProposal? quickMode = null, MainModeProposal? mainMode = null)
    {
        var time = clock ?? TimeProvider.System;
        Initiator = new IkePeer(InitiatorAddress, Transport(InitiatorAddress, ResponderAddress, quickMode, mainMode), new Wire(this), time);
        Responder = new IkePeer(ResponderAddress, Transport(ResponderAddress, InitiatorAddress, quickMode, mainMode), new Wire(this), time);
    }

    public IkePeer Initiator { get; }

    public IkePeer Responder { get; }

    /// <summary>Every packet that crossed the wire, as IPv4, in order.</summary>
    public List<byte[]> Packets { get; } = new();

    public static QuickModeProposal EspAes128Sha1 { get; } = new(new EspProposal(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1), null, 3600, 100000);

    public static IkePolicy Transport(IPAddress local, IPAddress remote, QuickModeProposal? quickMode = null, MainModeProposal? mainMode = null) => new()
    {
        Name = "Partner",
        MainMode = new MainModePolicy { Proposals = [mainMode ?? new MainModeProposal(IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Ecp256)] },
        PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.ForHost(remote), Key)],
        ChildPolicies =
        [
            new ChildPolicy
            {
                Name = "Partner hosts",
                Local = TrafficSelector.ForHost(local),
                Remote = TrafficSelector.ForHost(remote),
                Proposals = [quickMode ?? EspAes128Sha1],
            },
        ],
    };

    /// <summary>The initiator negotiates main mode and quick mode for its rule, and the wire is pumped until quiet.</summary>
    public void Negotiate()
    {
        var policy = Initiator.Policy.ChildPolicies[0];
        Initiator.Engine.Initiate(QuickModeRequest.ForPacket(policy, InitiatorAddress, InitiatorAddress, ResponderAddress));
        Pump();
    }

    /// <summary>Delivers queued IKE datagrams, and whatever they cause, until the wire is quiet.</summary>
    public void Pump()
    {
        for (var delivered = 0; ; delivered++)
        {
            Assert.True(delivered < 1000, "the peers do not stop talking");
            IkeDatagram datagram;
            lock (wire)
            {
                if (!queue.TryDequeue(out datagram))
                {
                    return;
                }
            }

            var receiver = datagram.Remote.Address.Equals(InitiatorAddress) ? Initiator : Responder;
            receiver.Engine.Receive(new IkeDatagram(datagram.Payload, datagram.Remote, datagram.Local));
        }
    }

    /// <summary>
    /// <paramref name="from"/> sends a UDP datagram to the other peer through its data plane: sealed
    /// as ESP, put on the wire, opened by the other data plane. Returns what came out of the other
    /// TUN device (the original packet) or null when it was refused.
    /// </summary>
    public byte[]? Send(IkePeer from, ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var to = from == Initiator ? Responder : Initiator;
        var packet = WirePackets.UdpPacket(new IPEndPoint(from.Address, sourcePort), new IPEndPoint(to.Address, destinationPort), payload);
        var (esp, destination) = from.Seal(packet);
        Assert.Equal(to.Address, destination);
        var onWire = WirePackets.Ipv4(from.Address, to.Address, WirePackets.Esp, esp);
        lock (wire)
        {
            Packets.Add(onWire);
        }

        return to.Open(onWire, from.Address);
    }

    public void Dispose()
    {
        Initiator.Dispose();
        Responder.Dispose();
    }

    private sealed class Wire(IkePair pair) : IIkeDatagramTransport
    {
        public void Send(IkeDatagram datagram)
        {
            lock (pair.wire)
            {
                pair.Packets.Add(WirePackets.UdpPacket(datagram.Local, datagram.Remote, datagram.Payload.Span));
                pair.queue.Enqueue(datagram);
            }
        }
    }
}
