using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Events;
using Engine.Ike.Sa;
using Engine.Ike.TaskManagement;
using Engine.Ike.Trace;

namespace Engine.Ike.Tasks.V1;

/// <summary>
/// NAT discovery in main mode messages 3 and 4 (RFC 3947 section 3.2, strongSwan's isakmp_natd):
/// each side sends HASH(CKY-I | CKY-R | IP | port) of where it sends to, then of its own
/// address. A hash of our own address that the peer saw differently means we are behind a NAT; a
/// peer address that none of its hashes names means it is. Either way the initiator floats to
/// the NAT-T port before message 5 (section 4), and ESP will travel in UDP.
/// </summary>
internal sealed class NatDetectionTask : IIkeTask
{
    private readonly IkeSa sa;
    private readonly bool initiator;
    private int built;
    private int processed;
    private bool peerSentNatD;

    public NatDetectionTask(IkeSa sa, bool initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    public string Name => "NAT detection";

    /// <summary>RFC 3947 section 3.2, with the negotiated phase 1 hash.</summary>
    public static byte[] Hash(IkeSa sa, IPEndPoint endpoint)
    {
        var address = endpoint.Address.GetAddressBytes();
        var input = new byte[16 + address.Length + 2];
        sa.InitiatorCookieBytes.CopyTo(input, 0);
        sa.ResponderCookieBytes.CopyTo(input, 8);
        address.CopyTo(input, 16);
        BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(16 + address.Length), (ushort)endpoint.Port);
        return CryptographicOperations.HashData(sa.Keymat.Algorithms!.Hash, input);
    }

    public TaskStatus Build(OutgoingMessage message)
    {
        built++;
        var sendsNatD = sa.NatTraversal != NatTraversalVersion.None && (initiator || peerSentNatD);
        if (built == 2 && sendsNatD)
        {
            var draft = sa.NatTraversal == NatTraversalVersion.Draft;
            message.Add(new NatDiscoveryPayload(Hash(sa, sa.Remote), draft));
            message.Add(new NatDiscoveryPayload(Hash(sa, sa.Local), draft));
        }

        return !initiator && built == 2 ? TaskStatus.Done : TaskStatus.NeedMore;
    }

    public TaskStatus Process(ReceivedMessage message)
    {
        processed++;
        if (processed != 2)
        {
            return TaskStatus.NeedMore;
        }

        var hashes = message.FindAll<NatDiscoveryPayload>().ToArray();
        peerSentNatD = hashes.Length >= 2;
        if (peerSentNatD && sa.NatTraversal != NatTraversalVersion.None)
        {
            Detect(hashes, message.Local, message.Remote);
        }

        return initiator ? TaskStatus.Done : TaskStatus.NeedMore;
    }

    public void Abort()
    {
    }

    private void Detect(NatDiscoveryPayload[] hashes, IPEndPoint local, IPEndPoint remote)
    {
        // The first hash is the peer's view of us (its destination), the rest its own addresses.
        sa.LocalBehindNat = !hashes[0].Hash.Span.SequenceEqual(Hash(sa, local));
        var peerHash = Hash(sa, remote);
        sa.RemoteBehindNat = !hashes.Skip(1).Any(hash => hash.Hash.Span.SequenceEqual(peerHash));
        if (!sa.NatDetected)
        {
            sa.Trace(IkeTraceCategory.State, "NAT-D: no NAT between the peers");
            return;
        }

        var where = sa.LocalBehindNat && sa.RemoteBehindNat ? "both peers are" : sa.LocalBehindNat ? "we are" : "the peer is";
        sa.Trace(IkeTraceCategory.State, $"NAT-D: {where} behind a NAT ({sa.NatTraversal})");
        sa.Context.Publish(new PeerInformationEvent
        {
            Time = sa.Context.Now,
            Local = sa.Local,
            Remote = sa.Remote,
            IkeSaId = sa.Id,
            Message = $"NAT detected: {where} behind a NAT; IKE moves to port {sa.Context.Options.NatTraversal.NatTraversalPort} and ESP is UDP-encapsulated",
        });
        if (initiator)
        {
            var port = sa.Context.Options.NatTraversal.NatTraversalPort;
            sa.Local = new IPEndPoint(sa.Local.Address, port);
            sa.Remote = new IPEndPoint(sa.Remote.Address, port);
        }
    }
}
