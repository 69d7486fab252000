using System.Security.Cryptography;
using Engine.Crypto.Ikev1;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Keymat;
using Engine.Ike.Proposals;
using Engine.Ike.Sa;
using Engine.Ike.TaskManagement;
using Engine.Ike.Trace;

namespace Engine.Ike.Tasks.V1;

/// <summary>
/// Main mode with pre-shared keys (RFC 2409 section 5), both halves (strongSwan's main_mode):
/// <code>
///  Initiator                          Responder
///  HDR, SA                     -->                       (1)
///                              <--    HDR, SA            (2)
///  HDR, KE, Ni                 -->                       (3)
///                              <--    HDR, KE, Nr        (4)
///  HDR*, IDii, HASH_I          -->                       (5)
///                              <--    HDR*, IDir, HASH_R (6)
/// </code>
/// SKEYID = prf(PSK, Ni_b | Nr_b), the PSK chosen by the peer's address. Vendor IDs and NAT-D
/// ride along in their own tasks. A wrong PSK shows as message 5 (or 6) that does not decrypt or
/// whose HASH does not verify: AUTHENTICATION-FAILED.
/// </summary>
internal sealed class MainModeTask : IIkeTask
{
    private readonly IkeSa sa;
    private readonly bool initiator;
    private Step step;
    private IKeyExchange? keyExchange;
    private byte[] initiatorNonce = [];
    private byte[] responderNonce = [];
    private byte[] initiatorPublic = [];
    private byte[] responderPublic = [];
    private byte[] initiatorSaBody = [];
    private MainModeSelection? chosen;

    public MainModeTask(IkeSa sa, bool initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    private enum Step
    {
        Start,
        SaSent,
        SaAgreed,
        KeyExchangeSent,
        KeysDerived,
        IdentitySent,
        PeerAuthenticated,
    }

    public string Name => "main mode";

    public static IIkeTask[] InitiatorTasks(IkeSa sa) => [new MainModeTask(sa, true), new VendorIdTask(sa, true), new NatDetectionTask(sa, true)];

    public static IIkeTask[] ResponderTasks(IkeSa sa) => [new MainModeTask(sa, false), new VendorIdTask(sa, false), new NatDetectionTask(sa, false)];

    public TaskStatus Build(OutgoingMessage message)
    {
        switch (step)
        {
            case Step.Start when initiator:
                var offer = MainModeProposals.BuildOffer(sa.MainMode);
                initiatorSaBody = OutgoingMessage.BodyOf(offer);
                message.Add(offer);
                sa.Trace(IkeTraceCategory.Proposal, $"offering {string.Join(", ", sa.MainMode.Proposals)}, lifetime {sa.MainMode.Lifetime}");
                step = Step.SaSent;
                return TaskStatus.NeedMore;

            case Step.SaAgreed when !initiator:
                message.Add(MainModeProposals.BuildAnswer(chosen!));
                step = Step.SaSent;
                return TaskStatus.NeedMore;

            case Step.SaAgreed when initiator:
                AddKeyExchange(message, out initiatorPublic, out initiatorNonce);
                step = Step.KeyExchangeSent;
                return TaskStatus.NeedMore;

            case Step.KeysDerived when !initiator:
                // Our key pair and g^xy in one go outside the engine's lock (the expensive part of
                // a responder's main mode).
                var peerPublic = initiatorPublic;
                var group = sa.Group!.Value;
                var (pair, secret) = sa.Context.Gate.OutsideLock(sa, () => CreateAndDerive(group, peerPublic), Discard);
                keyExchange = pair;
                AddKeyExchange(message, out responderPublic, out responderNonce);
                UseSharedSecret(secret);
                step = Step.KeyExchangeSent;
                return TaskStatus.NeedMore;

            case Step.KeysDerived when initiator:
                message.Encrypt = true;
                var idii = IdentificationPayload.ForAddress(sa.Local.Address);
                message.Add(idii);
                message.Add(new HashPayload(HashI(OutgoingMessage.BodyOf(idii))));
                if (sa.SendInitialContact)
                {
                    message.Add(NotificationPayload.InitialContact(sa.InitiatorCookie, sa.ResponderCookie));
                }

                step = Step.IdentitySent;
                return TaskStatus.NeedMore;

            case Step.PeerAuthenticated when !initiator:
                message.Encrypt = true;
                var idir = IdentificationPayload.ForAddress(sa.Local.Address);
                message.Add(idir);
                message.Add(new HashPayload(HashR(OutgoingMessage.BodyOf(idir))));

                // Phase 1 ends with message 6 encrypted: its last block seeds every later IV.
                message.AfterSend.Add(sa.OnMainModeEstablished);
                return TaskStatus.Done;

            default:
                throw new InvalidOperationException($"main mode cannot build a message at step {step}");
        }
    }

    public TaskStatus Process(ReceivedMessage message)
    {
        switch (step)
        {
            case Step.Start when !initiator:
                ChooseProposal(message);
                return TaskStatus.NeedMore;

            case Step.SaSent when initiator && !message.WasEncrypted && message.Find<SecurityAssociationPayload>() is { } answer:
                CheckAnswer(answer);
                step = Step.SaAgreed;
                return TaskStatus.NeedMore;

            case Step.SaSent when !initiator && !message.WasEncrypted && message.Find<KeyExchangePayload>() is { } ke && message.Find<NoncePayload>() is { } nonce:
                initiatorPublic = ke.Data.ToArray();
                initiatorNonce = nonce.Data.ToArray();
                step = Step.KeysDerived;
                return TaskStatus.NeedMore;

            case Step.KeyExchangeSent when initiator && !message.WasEncrypted && message.Find<KeyExchangePayload>() is { } ke && message.Find<NoncePayload>() is { } nonce:
                responderPublic = ke.Data.ToArray();
                responderNonce = nonce.Data.ToArray();
                DeriveKeys(responderPublic);
                step = Step.KeysDerived;
                return TaskStatus.NeedMore;

            case Step.KeyExchangeSent when !initiator && message.WasEncrypted:
                Authenticate(message, "HASH_I", HashI);
                step = Step.PeerAuthenticated;
                return TaskStatus.NeedMore;

            case Step.IdentitySent when initiator && message.WasEncrypted:
                Authenticate(message, "HASH_R", HashR);
                sa.OnMainModeEstablished();
                return TaskStatus.Done;

            default:
                return TaskStatus.Ignored;
        }
    }

    public void Abort()
    {
        keyExchange?.Dispose();
        keyExchange = null;
    }

    private void ChooseProposal(ReceivedMessage message)
    {
        var offer = message.Find<SecurityAssociationPayload>()
            ?? throw new IkeNegotiationException(NegotiationFailureReason.PayloadMalformed, FailurePoint.Me, "main mode message 1 without an SA payload", notifyToSend: IsakmpNotifyType.PayloadMalformed);
        var key = sa.Context.Policy.FindPreSharedKey(sa.Remote.Address)
            ?? throw new IkeNegotiationException(NegotiationFailureReason.NoPolicy, FailurePoint.Me, $"no pre-shared key is configured for {sa.Remote.Address}", notifyToSend: IsakmpNotifyType.NoProposalChosen);
        sa.PreSharedKey = key.Key;

        var refusals = new List<string>();
        chosen = MainModeProposals.Select(offer, sa.MainMode, refusals);
        foreach (var refusal in refusals)
        {
            sa.Trace(IkeTraceCategory.Proposal, $"refused {refusal}");
        }

        if (chosen is null)
        {
            throw new IkeNegotiationException(
                NegotiationFailureReason.NoProposalChosen,
                FailurePoint.Me,
                $"none of the peer's {offer.Proposals.Sum(p => p.Transforms.Count)} main mode transforms is one of ours",
                notifyToSend: IsakmpNotifyType.NoProposalChosen,
                refusals: refusals);
        }

        initiatorSaBody = message.RawBody(offer).ToArray();
        UseAlgorithms(chosen.Proposal, chosen.Lifetime);
        sa.Trace(IkeTraceCategory.Proposal, $"chose proposal {chosen.PeerProposal.ProposalNumber} transform {chosen.PeerTransform.TransformNumber}: {chosen.Proposal}, lifetime {chosen.Lifetime}");
        step = Step.SaAgreed;
    }

    private void CheckAnswer(SecurityAssociationPayload answer)
    {
        var agreed = MainModeProposals.CheckAnswer(answer, sa.MainMode, out var reason)
            ?? throw new IkeNegotiationException(NegotiationFailureReason.NoProposalChosen, FailurePoint.Me, $"the responder's main mode answer is not what we offered: {reason}", notifyToSend: IsakmpNotifyType.NoProposalChosen);
        UseAlgorithms(agreed.Proposal, agreed.Lifetime);
        sa.Trace(IkeTraceCategory.Proposal, $"responder chose {agreed.Proposal}, lifetime {agreed.Lifetime}");
    }

    private void UseAlgorithms(Configuration.MainModeProposal proposal, TimeSpan lifetime)
    {
        if (!Phase1Algorithms.TryResolve(proposal, lifetime, out var algorithms))
        {
            throw new IkeNegotiationException(NegotiationFailureReason.NoProposalChosen, FailurePoint.Me, $"{proposal} is not implemented", notifyToSend: IsakmpNotifyType.NoProposalChosen);
        }

        sa.Keymat.SetAlgorithms(algorithms!);
    }

    /// <summary>
    /// Our key pair (made outside the engine's lock unless the responder made it already) in the
    /// KE payload, and our nonce.
    /// </summary>
    private void AddKeyExchange(OutgoingMessage message, out byte[] publicValue, out byte[] nonce)
    {
        if (keyExchange is null)
        {
            var group = sa.Group!.Value;
            keyExchange = sa.Context.Gate.OutsideLock(sa, () => KeyExchanges.TryCreate(group, out var made) ? made : null, made => made?.Dispose())
                ?? throw new IkeNegotiationException(NegotiationFailureReason.NoProposalChosen, FailurePoint.Me, $"DH group {(int)group} is not implemented");
        }

        publicValue = keyExchange.PublicValue.ToArray();
        nonce = IkeContext.RandomBytes(sa.Context.Options.NonceSize);
        message.Add(new KeyExchangePayload(publicValue));
        message.Add(new NoncePayload(nonce));
    }

    /// <summary>g^xy, then SKEYID and its derivatives with the pre-shared key of this peer.</summary>
    private void DeriveKeys(byte[] peerPublic)
    {
        var pair = keyExchange!;
        UseSharedSecret(sa.Context.Gate.OutsideLock(sa, () => pair.TryDeriveSharedSecret(peerPublic, out var derived) ? derived : null, ZeroSecret));
    }

    /// <summary>
    /// The responder's key pair and g^xy from the initiator's public value: pure computation on
    /// objects this task owns, so it may run outside the engine's lock. A group we do not
    /// implement gives no pair; a bad peer value gives no secret.
    /// </summary>
    private static (IKeyExchange? Pair, byte[]? Secret) CreateAndDerive(Engine.Crypto.KeyExchange.DiffieHellmanGroup group, byte[] peerPublic)
    {
        if (!KeyExchanges.TryCreate(group, out var pair))
        {
            return (null, null);
        }

        return (pair, pair.TryDeriveSharedSecret(peerPublic, out var secret) ? secret : null);
    }

    private static void Discard((IKeyExchange? Pair, byte[]? Secret) made)
    {
        made.Pair?.Dispose();
        ZeroSecret(made.Secret);
    }

    private static void ZeroSecret(byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>g^xy (null: the peer's value was refused), then SKEYID and its derivatives with the pre-shared key of this peer.</summary>
    private void UseSharedSecret(byte[]? sharedSecret)
    {
        if (keyExchange is null)
        {
            throw new IkeNegotiationException(NegotiationFailureReason.NoProposalChosen, FailurePoint.Me, $"DH group {(int)sa.Group!} is not implemented");
        }

        if (sharedSecret is null)
        {
            throw new IkeNegotiationException(NegotiationFailureReason.InvalidKeyInformation, FailurePoint.Me, $"the peer's {sa.Group} public value is not valid", notifyToSend: IsakmpNotifyType.InvalidKeyInformation);
        }

        if (sa.PreSharedKey.IsEmpty)
        {
            sa.PreSharedKey = (sa.Context.Policy.FindPreSharedKey(sa.Remote.Address)
                ?? throw new IkeNegotiationException(NegotiationFailureReason.NoPolicy, FailurePoint.Me, $"no pre-shared key is configured for {sa.Remote.Address}")).Key;
        }

        sa.Keymat.DerivePhase1(sa.PreSharedKey.Span, initiatorNonce, responderNonce, sharedSecret, sa.InitiatorCookieBytes, sa.ResponderCookieBytes, initiatorPublic, responderPublic);
        var keys = sa.Keymat.Keys!;
        var tracer = sa.Context.Tracer;
        tracer.Keys(sa.Id, "g^xy", sharedSecret);
        tracer.Keys(sa.Id, "SKEYID", keys.Skeyid);
        tracer.Keys(sa.Id, "SKEYID_d", keys.SkeyidD);
        tracer.Keys(sa.Id, "SKEYID_a", keys.SkeyidA);
        tracer.Keys(sa.Id, "SKEYID_e", keys.SkeyidE);
        tracer.Keys(sa.Id, "encryption key", keys.EncryptionKey);
        CryptographicOperations.ZeroMemory(sharedSecret);
        keyExchange.Dispose();
        keyExchange = null;
    }

    private void Authenticate(ReceivedMessage message, string hashName, Func<byte[], byte[]> expectedFor)
    {
        var id = message.Find<IdentificationPayload>();
        var hash = message.Find<HashPayload>();
        if (id is null || hash is null)
        {
            throw new IkeNegotiationException(NegotiationFailureReason.AuthenticationFailed, FailurePoint.Me, $"main mode message without ID or HASH from {sa.Remote}: the pre-shared keys probably differ", notifyToSend: IsakmpNotifyType.AuthenticationFailed);
        }

        var expected = expectedFor(message.RawBody(id).ToArray());
        if (!CryptographicOperations.FixedTimeEquals(expected, hash.Data.Span))
        {
            throw new IkeNegotiationException(NegotiationFailureReason.AuthenticationFailed, FailurePoint.Me, $"{hashName} from {sa.Remote} does not verify: the pre-shared keys differ", notifyToSend: IsakmpNotifyType.AuthenticationFailed);
        }

        if (message.FindAll<NotificationPayload>().Any(notify => notify.NotifyType == IsakmpNotifyType.InitialContact))
        {
            sa.PeerSentInitialContact = true;
        }

        sa.Trace(IkeTraceCategory.State, $"{hashName} verified; peer identity {PayloadDescriber.Describe(id)}");
    }

    private byte[] HashI(byte[] initiatorIdBody) =>
        Ikev1Hashes.MainModeInitiator(sa.Keymat.Prf, sa.Keymat.Keys!.Skeyid, initiatorPublic, responderPublic, sa.InitiatorCookieBytes, sa.ResponderCookieBytes, initiatorSaBody, initiatorIdBody);

    private byte[] HashR(byte[] responderIdBody) =>
        Ikev1Hashes.MainModeResponder(sa.Keymat.Prf, sa.Keymat.Keys!.Skeyid, initiatorPublic, responderPublic, sa.InitiatorCookieBytes, sa.ResponderCookieBytes, initiatorSaBody, responderIdBody);
}
