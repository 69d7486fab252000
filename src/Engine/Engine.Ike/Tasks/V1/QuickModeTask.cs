using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Engine.Crypto.KeyExchange;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Proposals;
using Engine.Ike.Sa;
using Engine.Ike.Selectors;
using Engine.Ike.TaskManagement;
using Engine.Ike.Trace;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;
using KeyExchanges = Engine.Crypto.Registry.KeyExchanges;

namespace Engine.Ike.Tasks.V1;

/// <summary>
/// Quick mode (RFC 2409 section 5.5), both halves (strongSwan's quick_mode):
/// <code>
///  Initiator                               Responder
///  HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] -->
///                      <-- HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
///  HDR*, HASH(3)                            -->
/// </code>
/// Proposals come from the child policy's security methods; the responder finds its policy from
/// the IDs (INVALID-ID-INFORMATION when none covers them) and matches the proposals
/// (NO-PROPOSAL-CHOSEN with every refusal logged), shortens lifetimes with RESPONDER-LIFETIME,
/// and both derive KEYMAT per SA: the inbound one under our SPI, the outbound one under the
/// peer's. The finished SAs go to the kernel interface, inbound first.
/// </summary>
internal sealed class QuickModeTask : IIkeTask
{
    private readonly IkeSa sa;
    private readonly bool initiator;
    private readonly QuickModeRequest? request;
    private readonly ChildSa? replaces;
    private readonly Dictionary<IsakmpProtocolId, uint> ourSpis = [];
    private ChildPolicy? policy;
    private TrafficSelector? localTs;
    private TrafficSelector? remoteTs;
    private IdentificationPayload? idci;
    private IdentificationPayload? idcr;
    private IReadOnlyList<QuickModeProposal> offered = [];
    private ushort? pfsGroup;
    private IKeyExchange? keyExchange;
    private byte[] pfsSecret = [];
    private byte[] ourPublicValue = [];
    private byte[] initiatorNonce = [];
    private byte[] responderNonce = [];
    private QuickModeSelection? selection;
    private EncapsulationMode encapsulation;
    private uint lifetimeSeconds;
    private uint lifetimeKilobytes;
    private bool shortened;
    private bool commitRequested;

    /// <summary>The responder's child SA, inbound direction installed before quick mode 2 was sent.</summary>
    private (NegotiatedQuickMode Negotiated, PreparedChildSa Prepared)? inboundAhead;
    private IPAddress? peerOriginalAddress;
    private uint messageId;
    private int step;

    /// <summary>The initiator half, for a request (and, when rekeying, the child SA it replaces).</summary>
    public QuickModeTask(IkeSa sa, QuickModeRequest request, ChildSa? replaces = null)
    {
        this.sa = sa;
        initiator = true;
        this.request = request;
        this.replaces = replaces;
        policy = request.Policy;
        localTs = request.Local;
        remoteTs = request.Remote;
    }

    /// <summary>The responder half, for a peer's quick mode.</summary>
    public QuickModeTask(IkeSa sa)
    {
        this.sa = sa;
        initiator = false;
    }

    public string Name => "quick mode";

    public string? PolicyName => policy?.Name;

    public QuickModeRequest? Request => request;

    public ChildSa? Replaces => replaces;

    /// <summary>Whether a notification about this SPI (ours, as offered) concerns this quick mode.</summary>
    public bool Offered(uint spi) => ourSpis.ContainsValue(spi);

    public TaskStatus Build(OutgoingMessage message)
    {
        messageId = message.MessageId;
        switch (step)
        {
            case 0 when initiator:
                BuildFirst(message);
                step = 1;
                return TaskStatus.NeedMore;
            case 1 when !initiator:
                BuildSecond(message);
                InstallInboundAhead();
                step = 2;
                return TaskStatus.NeedMore;
            case 2 when initiator:
                message.Add(new HashPayload(sa.Keymat.QuickModeHash3(messageId, initiatorNonce, responderNonce)));
                message.AfterSend.Add(Install);
                return TaskStatus.Done;
            default:
                throw new InvalidOperationException($"quick mode cannot build at step {step}");
        }
    }

    public TaskStatus Process(ReceivedMessage message)
    {
        if (!message.WasEncrypted || message.Payloads[0] is not HashPayload hash)
        {
            return TaskStatus.Ignored;
        }

        messageId = message.MessageId;
        switch (step)
        {
            case 0 when !initiator:
                Verify(hash, sa.Keymat.QuickModeHash1(messageId, message.RawAfter(hash)), "HASH(1)");
                ProcessFirst(message);
                step = 1;
                return TaskStatus.NeedMore;
            case 1 when initiator:
                Verify(hash, sa.Keymat.QuickModeHash2(messageId, initiatorNonce, message.RawAfter(hash)), "HASH(2)");
                ProcessSecond(message);
                step = 2;
                return TaskStatus.NeedMore;
            case 2 when !initiator:
                Verify(hash, sa.Keymat.QuickModeHash3(messageId, initiatorNonce, responderNonce), "HASH(3)");
                Install();
                if (commitRequested)
                {
                    // The initiator set the commit bit (RFC 2408 section 3.1): tell it the SAs are in place.
                    var (protocol, spi) = FirstOurSpi();
                    sa.Tasks.SendInformational([new NotificationPayload(IsakmpDomainOfInterpretation.Ipsec, protocol, IsakmpNotifyType.Connected, spi, ReadOnlySpan<byte>.Empty)]);
                }

                return TaskStatus.Done;
            default:
                return TaskStatus.Ignored;
        }
    }

    public void Abort()
    {
        keyExchange?.Dispose();
        keyExchange = null;
        if (step < 3)
        {
            inboundAhead?.Prepared.Child.RemoveInbound();
            inboundAhead = null;
            ReleaseSpis(keep: []);
        }
    }

    private void BuildFirst(OutgoingMessage message)
    {
        var childPolicy = policy!;
        offered = childPolicy.Proposals;
        pfsGroup = childPolicy.Pfs ? (ushort)(childPolicy.PfsGroup ?? sa.Group!.Value) : null;
        encapsulation = QuickModeEncapsulation.Offer(childPolicy.Mode, sa.NatDetected, sa.NatTraversal);
        if (offered.Any(p => p.Esp is not null))
        {
            ourSpis[IsakmpProtocolId.Esp] = sa.Context.Kernel.AllocateSpi(sa.Local.Address, sa.Remote.Address, IpsecProtocol.Esp);
        }

        if (offered.Any(p => p.Ah is not null))
        {
            ourSpis[IsakmpProtocolId.Ah] = sa.Context.Kernel.AllocateSpi(sa.Local.Address, sa.Remote.Address, IpsecProtocol.Ah);
        }

        initiatorNonce = IkeContext.RandomBytes(sa.Context.Options.NonceSize);
        var after = new List<IsakmpPayload>
        {
            QuickModeProposals.BuildOffer(offered, ourSpis.GetValueOrDefault(IsakmpProtocolId.Esp), ourSpis.GetValueOrDefault(IsakmpProtocolId.Ah), encapsulation, pfsGroup),
            new NoncePayload(initiatorNonce),
        };
        if (pfsGroup is { } group)
        {
            after.Add(new KeyExchangePayload(CreateKeyExchange(group)));
        }

        idci = localTs!.ToIdentification();
        idcr = remoteTs!.ToIdentification();
        after.Add(idci);
        after.Add(idcr);
        AddOriginalAddresses(after, initiatorSide: sa.Local.Address, responderSide: sa.Remote.Address);
        message.Add(new HashPayload(sa.Keymat.QuickModeHash1(messageId, Encoding.IsakmpPayloadChain.ToArray(after))));
        message.Payloads.AddRange(after);
        sa.Trace(IkeTraceCategory.Proposal, $"quick mode for {childPolicy.Name}: {localTs} <-> {remoteTs} {encapsulation}{(pfsGroup is null ? string.Empty : $" PFS group {pfsGroup}")}, offering {string.Join(", ", offered)}");
    }

    private void ProcessFirst(ReceivedMessage message)
    {
        var offer = message.Find<SecurityAssociationPayload>();
        var nonce = message.Find<NoncePayload>();
        if (offer is null || nonce is null)
        {
            throw Malformed("quick mode message 1 without SA or nonce");
        }

        initiatorNonce = nonce.Data.ToArray();
        var firstSpi = offer.Proposals[0].Spi.ToArray();
        var firstProtocol = offer.Proposals[0].ProtocolId;
        ReadIdentities(message, firstProtocol, firstSpi);
        var found = sa.Context.Policy.FindForResponder(sa.Remote.Address, remoteTs!, localTs!)
            ?? throw new IkeNegotiationException(
                NegotiationFailureReason.InvalidIdInformation,
                FailurePoint.Me,
                $"no rule covers {remoteTs} <-> {localTs} for {sa.Remote.Address}",
                notifyToSend: IsakmpNotifyType.InvalidIdInformation) { NotifyProtocol = firstProtocol, NotifySpi = firstSpi };
        policy = found;

        var ke = message.Find<KeyExchangePayload>();
        var requiredGroup = found.Pfs ? (ushort?)(ushort)(found.PfsGroup ?? sa.Group!.Value) : null;
        var constraints = new QuickModeProposals.Constraints(QuickModeEncapsulation.Accepted(found.Mode, sa.NatDetected), requiredGroup, ke is not null);
        var refusals = new List<string>();
        selection = QuickModeProposals.Select(offer, found.Proposals, constraints, refusals);
        foreach (var refusal in refusals)
        {
            sa.Trace(IkeTraceCategory.Proposal, $"refused {refusal}");
        }

        if (selection is null)
        {
            throw new IkeNegotiationException(
                NegotiationFailureReason.NoProposalChosen,
                FailurePoint.Me,
                $"none of the peer's quick mode proposals for {found.Name} is one of ours ({string.Join(", ", found.Proposals)})",
                notifyToSend: IsakmpNotifyType.NoProposalChosen,
                refusals: refusals) { NotifyProtocol = firstProtocol, NotifySpi = firstSpi };
        }

        encapsulation = selection.Encapsulation;
        pfsGroup = selection.PfsGroup;
        if (pfsGroup is { } group)
        {
            CreateKeyExchange(group);
            DerivePfsSecret(ke!);
        }

        foreach (var choice in selection.Protocols)
        {
            ourSpis[choice.Protocol] = sa.Context.Kernel.AllocateSpi(sa.Local.Address, sa.Remote.Address, ToIpsec(choice.Protocol));
        }

        // The shorter lifetime wins; when it is ours, RESPONDER-LIFETIME tells the initiator.
        var ours = selection.Ours;
        var peerSeconds = selection.PeerLifetimeSeconds ?? IpsecTransformAttributes.DefaultLifetimeSeconds;
        lifetimeSeconds = Math.Min(ours.LifetimeSeconds, peerSeconds);
        lifetimeKilobytes = selection.PeerLifetimeKilobytes is { } peerKilobytes && peerKilobytes != 0 ? Math.Min(ours.LifetimeKilobytes, peerKilobytes) : ours.LifetimeKilobytes;
        shortened = lifetimeSeconds < peerSeconds || lifetimeKilobytes != (selection.PeerLifetimeKilobytes ?? lifetimeKilobytes);
        commitRequested = (message.Message.Header.Flags & IsakmpHeaderFlags.Commit) != 0;
        peerOriginalAddress = message.Payloads.OfType<NatOriginalAddressPayload>().FirstOrDefault()?.Address;
        sa.Trace(IkeTraceCategory.Proposal, $"quick mode for {found.Name}: chose proposal {selection.ProposalNumber} ({ours}), {encapsulation}, lifetime {lifetimeSeconds} s / {lifetimeKilobytes} KB{(shortened ? " (RESPONDER-LIFETIME)" : string.Empty)}");
    }

    private void BuildSecond(OutgoingMessage message)
    {
        responderNonce = IkeContext.RandomBytes(sa.Context.Options.NonceSize);
        var after = new List<IsakmpPayload>
        {
            QuickModeProposals.BuildAnswer(selection!, ourSpis),
            new NoncePayload(responderNonce),
        };
        if (pfsGroup is not null)
        {
            after.Add(new KeyExchangePayload(ourPublicValue));
        }

        if (idci is not null)
        {
            after.Add(idci);
            after.Add(idcr!);
        }

        if (shortened)
        {
            foreach (var choice in selection!.Protocols)
            {
                after.Add(NotificationPayload.ResponderLifetime(choice.Protocol, SpiBytes(ourSpis[choice.Protocol]),
                    [.. IpsecAttributes.LifetimeSeconds(lifetimeSeconds), .. IpsecAttributes.LifetimeKilobytes(lifetimeKilobytes)]));
            }
        }

        AddOriginalAddresses(after, initiatorSide: sa.Remote.Address, responderSide: sa.Local.Address);
        message.Add(new HashPayload(sa.Keymat.QuickModeHash2(messageId, initiatorNonce, Encoding.IsakmpPayloadChain.ToArray(after))));
        message.Payloads.AddRange(after);
    }

    private void ProcessSecond(ReceivedMessage message)
    {
        var answer = message.Find<SecurityAssociationPayload>();
        var nonce = message.Find<NoncePayload>();
        if (answer is null || nonce is null)
        {
            throw Malformed("quick mode message 2 without SA or nonce");
        }

        responderNonce = nonce.Data.ToArray();
        var ke = message.Find<KeyExchangePayload>();
        var constraints = new QuickModeProposals.Constraints([encapsulation], pfsGroup, ke is not null);
        selection = QuickModeProposals.CheckAnswer(answer, offered, constraints, out var reason)
            ?? throw new IkeNegotiationException(NegotiationFailureReason.NoProposalChosen, FailurePoint.Me, $"the responder's quick mode answer is not what we offered: {reason}", notifyToSend: IsakmpNotifyType.NoProposalChosen);
        if (pfsGroup is not null)
        {
            DerivePfsSecret(ke!);
        }

        var ids = message.FindAll<IdentificationPayload>().ToArray();
        if (ids.Length == 2 && (!SameId(ids[0], idci!) || !SameId(ids[1], idcr!)))
        {
            throw new IkeNegotiationException(NegotiationFailureReason.InvalidIdInformation, FailurePoint.Me, $"the responder answered with other IDs than {localTs} <-> {remoteTs}", notifyToSend: IsakmpNotifyType.InvalidIdInformation);
        }

        lifetimeSeconds = selection.Ours.LifetimeSeconds;
        lifetimeKilobytes = selection.Ours.LifetimeKilobytes;
        foreach (var notify in message.FindAll<NotificationPayload>().Where(n => n.NotifyType == IsakmpNotifyType.ResponderLifetime))
        {
            ApplyResponderLifetime(notify);
        }

        peerOriginalAddress = message.Payloads.OfType<NatOriginalAddressPayload>().Skip(1).FirstOrDefault()?.Address;
        sa.Trace(IkeTraceCategory.Proposal, $"quick mode for {policy!.Name}: responder chose {selection.Ours}, lifetime {lifetimeSeconds} s / {lifetimeKilobytes} KB");
    }

    private void ApplyResponderLifetime(NotificationPayload notify)
    {
        var (seconds, kilobytes) = ResponderLifetime.Read(notify);
        lifetimeSeconds = Math.Min(lifetimeSeconds, seconds ?? lifetimeSeconds);
        lifetimeKilobytes = Math.Min(lifetimeKilobytes, kilobytes ?? lifetimeKilobytes);
        sa.Trace(IkeTraceCategory.Proposal, $"RESPONDER-LIFETIME: lifetime now {lifetimeSeconds} s / {lifetimeKilobytes} KB");
    }

    /// <summary>Hands what was agreed to the installer and lets go of the SPIs it did not use.</summary>
    private void Install()
    {
        if (inboundAhead is var (ahead, prepared))
        {
            step = 3;
            inboundAhead = null;
            ChildSaInstaller.Complete(sa, ahead, prepared, inboundInstalled: true);
            CryptographicOperations.ZeroMemory(pfsSecret);
            return;
        }

        var negotiated = Negotiated();
        ReleaseSpis(keep: selection!.Protocols.Select(choice => choice.Protocol).ToArray());
        step = 3;
        ChildSaInstaller.Install(sa, negotiated);
        CryptographicOperations.ZeroMemory(pfsSecret);
    }

    /// <summary>
    /// The responder's inbound SA, installed before quick mode 2 goes out: the initiator may send
    /// ESP as soon as it has sent quick mode 3, and that packet may arrive before quick mode 3 is
    /// processed here (or quick mode 3 may be lost and retransmitted). The initiator is already
    /// authenticated (HASH(1) under the ISAKMP SA) and the keys are known once our nonce is; the
    /// outbound direction still waits for quick mode 3, which proves the initiator has the answer.
    /// Removed again if the exchange ends without quick mode 3.
    /// </summary>
    private void InstallInboundAhead()
    {
        var negotiated = Negotiated();
        ReleaseSpis(keep: selection!.Protocols.Select(choice => choice.Protocol).ToArray());
        var prepared = ChildSaInstaller.Prepare(sa, negotiated);
        prepared.Child.InstallInbound();
        inboundAhead = (negotiated, prepared);
    }

    private NegotiatedQuickMode Negotiated() =>
        new(
            policy!, localTs!, remoteTs!, initiator, selection!, ourSpis, pfsSecret, pfsGroup is not null, initiatorNonce, responderNonce,
            lifetimeSeconds, lifetimeKilobytes, encapsulation, peerOriginalAddress, replaces);

    /// <summary>
    /// IDci is the initiator's side, IDcr the responder's (RFC 2409 section 5.5); without them the
    /// SA is for the two IKE peers themselves.
    /// </summary>
    private void ReadIdentities(ReceivedMessage message, IsakmpProtocolId protocol, byte[] spi)
    {
        var ids = message.FindAll<IdentificationPayload>().ToArray();
        if (ids.Length == 0)
        {
            remoteTs = TrafficSelector.ForHost(sa.Remote.Address);
            localTs = TrafficSelector.ForHost(sa.Local.Address);
            return;
        }

        if (ids.Length != 2 || !TrafficSelector.TryFromIdentification(ids[0], out var initiatorSide) || !TrafficSelector.TryFromIdentification(ids[1], out var responderSide))
        {
            throw new IkeNegotiationException(NegotiationFailureReason.InvalidIdInformation, FailurePoint.Me, $"quick mode IDs that name no traffic ({string.Join(", ", ids.Select(PayloadDescriber.Describe))})", notifyToSend: IsakmpNotifyType.InvalidIdInformation)
            {
                NotifyProtocol = protocol,
                NotifySpi = spi,
            };
        }

        idci = ids[0];
        idcr = ids[1];
        remoteTs = initiatorSide;
        localTs = responderSide;
    }

    /// <summary>
    /// Our PFS key pair. Made outside the engine's lock when a received message got us here, as
    /// main mode's (<see cref="EngineGate.OutsideLock"/>): it touches only what this task owns.
    /// </summary>
    private byte[] CreateKeyExchange(ushort group)
    {
        var created = sa.Context.Gate.OutsideLock(sa, () => KeyExchanges.TryCreate((DiffieHellmanGroup)group, out var made) ? made : null, made => made?.Dispose())
            ?? throw new IkeNegotiationException(NegotiationFailureReason.NoProposalChosen, FailurePoint.Me, $"PFS group {group} is not implemented", notifyToSend: IsakmpNotifyType.NoProposalChosen);
        keyExchange = created;
        ourPublicValue = created.PublicValue.ToArray();
        return ourPublicValue;
    }

    /// <summary>The PFS g^xy, outside the engine's lock as <see cref="CreateKeyExchange"/>.</summary>
    private void DerivePfsSecret(KeyExchangePayload peer)
    {
        var pair = keyExchange!;
        var peerValue = peer.Data.ToArray();
        var secret = sa.Context.Gate.OutsideLock(sa, () => pair.TryDeriveSharedSecret(peerValue, out var derived) ? derived : null, ZeroSecret);
        if (secret is null)
        {
            throw new IkeNegotiationException(NegotiationFailureReason.InvalidKeyInformation, FailurePoint.Me, "the peer's PFS public value is not valid", notifyToSend: IsakmpNotifyType.InvalidKeyInformation);
        }

        pfsSecret = secret;
        sa.Context.Tracer.Keys(sa.Id, "quick mode g^xy", secret);
        pair.Dispose();
        keyExchange = null;
    }

    private static void ZeroSecret(byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>NAT-OA (RFC 3947 section 5.2) in transport mode behind a NAT: the addresses each side had before translation.</summary>
    private void AddOriginalAddresses(List<IsakmpPayload> payloads, IPAddress initiatorSide, IPAddress responderSide)
    {
        if (!sa.NatDetected || policy!.Mode != IpsecMode.Transport)
        {
            return;
        }

        var draft = sa.NatTraversal == NatTraversalVersion.Draft;
        payloads.Add(new NatOriginalAddressPayload(initiatorSide, draft));
        if (!draft)
        {
            payloads.Add(new NatOriginalAddressPayload(responderSide, draft));
        }
    }

    private void Verify(HashPayload hash, byte[] expected, string name)
    {
        if (!CryptographicOperations.FixedTimeEquals(expected, hash.Data.Span))
        {
            throw new IkeNegotiationException(NegotiationFailureReason.InvalidHashInformation, FailurePoint.Me, $"quick mode {name} from {sa.Remote} does not verify");
        }
    }

    private void ReleaseSpis(IsakmpProtocolId[] keep)
    {
        foreach (var (protocol, spi) in ourSpis.Where(pair => !keep.Contains(pair.Key)).ToArray())
        {
            sa.Context.Kernel.ReleaseSpi(new KernelSaId(sa.Local.Address, ToIpsec(protocol), spi));
            ourSpis.Remove(protocol);
        }
    }

    private (IsakmpProtocolId Protocol, byte[] Spi) FirstOurSpi()
    {
        var first = ourSpis.First();
        return (first.Key, SpiBytes(first.Value));
    }

    private static bool SameId(IdentificationPayload a, IdentificationPayload b) =>
        OutgoingMessage.BodyOf(a).AsSpan().SequenceEqual(OutgoingMessage.BodyOf(b));

    private static IpsecProtocol ToIpsec(IsakmpProtocolId protocol) => protocol == IsakmpProtocolId.Ah ? IpsecProtocol.Ah : IpsecProtocol.Esp;

    private static byte[] SpiBytes(uint spi)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
        return bytes;
    }

    private static IkeNegotiationException Malformed(string detail) =>
        new(NegotiationFailureReason.PayloadMalformed, FailurePoint.Me, detail, notifyToSend: IsakmpNotifyType.PayloadMalformed);
}
