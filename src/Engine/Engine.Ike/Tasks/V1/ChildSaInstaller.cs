using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Proposals;
using Engine.Ike.Sa;
using Engine.Ike.Trace;

namespace Engine.Ike.Tasks.V1;

/// <summary>
/// The end of a quick mode: KEYMAT per SA (the inbound one under our SPI, the outbound one under
/// the peer's), the kernel SAs with their byte limits and encapsulation, the child SA with its
/// lifetime timers, 541, and the retirement of the SA this one renews.
/// </summary>
internal static class ChildSaInstaller
{
    private static IpsecProtocol ToIpsec(Encoding.Registry.IsakmpProtocolId protocol) =>
        protocol == Encoding.Registry.IsakmpProtocolId.Ah ? IpsecProtocol.Ah : IpsecProtocol.Esp;

    /// <summary>KEYMAT for both directions of every protocol, the SAs to the kernel, 541, and the SA bookkeeping.</summary>
    public static void Install(IkeSa sa, NegotiatedQuickMode negotiated) => Complete(sa, negotiated, Prepare(sa, negotiated), inboundInstalled: false);

    /// <summary>
    /// KEYMAT for both directions of every protocol and the child SA that will hold them, nothing
    /// installed yet (a responder installs the inbound direction before quick mode 2, the rest
    /// after quick mode 3).
    /// </summary>
    public static PreparedChildSa Prepare(IkeSa sa, NegotiatedQuickMode negotiated)
    {
        var childPolicy = negotiated.Policy;
        var selection = negotiated.Selection;
        var context = sa.Context;
        var childId = context.NextChildSaId();
        var lifetime = TimeSpan.FromSeconds(negotiated.LifetimeSeconds);
        var rekey = context.Options.Rekey;
        var margin = (negotiated.IsInitiator ? rekey.MarginFraction : rekey.MarginFraction / 2) + rekey.JitterFraction * Random.Shared.NextDouble();
        var hardBytes = (ulong)negotiated.LifetimeKilobytes * 1024;
        var softBytes = rekey.Enabled ? (ulong)(hardBytes * (1 - margin)) : 0;
        var natEncapsulation = QuickModeEncapsulation.IsUdp(negotiated.Encapsulation);
        var protocols = new List<ChildSaProtocol>();
        foreach (var choice in selection.Protocols)
        {
            var protocol = ToIpsec(choice.Protocol);
            var ourSpi = negotiated.OurSpis[choice.Protocol];
            var peerSpi = choice.PeerSpi;
            var inbound = CreateKernelSa(sa, negotiated, choice, protocol, SaDirection.Inbound, ourSpi, childId, softBytes, hardBytes);
            var outbound = CreateKernelSa(sa, negotiated, choice, protocol, SaDirection.Outbound, peerSpi, childId, softBytes, hardBytes);
            protocols.Add(new ChildSaProtocol(protocol, inbound, outbound));
        }

        var child = new ChildSa(context, childId, childPolicy, sa.Local, sa.Remote, negotiated.IsInitiator, selection.Ours, negotiated.Pfs, lifetime, negotiated.LifetimeKilobytes, protocols);
        return new PreparedChildSa(child, lifetime - lifetime * margin);
    }

    /// <summary>The child SA to the kernel (inbound first, unless already there), 541, and the SA bookkeeping.</summary>
    public static void Complete(IkeSa sa, NegotiatedQuickMode negotiated, PreparedChildSa prepared, bool inboundInstalled)
    {
        var context = sa.Context;
        var child = prepared.Child;
        var childId = child.Id;
        var childPolicy = negotiated.Policy;
        var selection = negotiated.Selection;
        var lifetime = child.Lifetime;
        var natEncapsulation = QuickModeEncapsulation.IsUdp(negotiated.Encapsulation);
        child.Install(prepared.SoftLifetime, inboundInstalled);
        sa.Trace(IkeTraceCategory.State, $"quick mode done: child SA {childId} ({childPolicy.Name}) {negotiated.Local} <-> {negotiated.Remote}, SPIs in {string.Join(",", child.InboundSpis.Select(p => $"{p.Key} 0x{p.Value:x8}"))} out {string.Join(",", child.OutboundSpis.Select(p => $"{p.Key} 0x{p.Value:x8}"))}");
        context.Publish(new QuickModeEstablishedEvent
        {
            Time = context.Now,
            Local = sa.Local,
            Remote = sa.Remote,
            IkeSaId = sa.Id,
            ChildSaId = childId,
            Policy = childPolicy.Name,
            IsInitiator = negotiated.IsInitiator,
            LocalTrafficSelector = negotiated.Local,
            RemoteTrafficSelector = negotiated.Remote,
            Mode = childPolicy.Mode,
            Proposal = selection.Ours.ToString(),
            InboundSpis = child.InboundSpis,
            OutboundSpis = child.OutboundSpis,
            PerfectForwardSecrecy = negotiated.Pfs,
            Lifetime = lifetime,
            LifetimeKilobytes = negotiated.LifetimeKilobytes,
            UdpEncapsulated = natEncapsulation,
        });
        sa.OnQuickModeCompleted();

        // The SA this one renews (ours, or the peer's rekey of an SA we hold) stays a little for
        // packets in flight and then goes, so that traffic never waits for a key.
        var older = context.ChildSas.WithPeer(child.Remote.Address).ToArray().Where(other => other != child && other.State is ChildSaState.Installed or ChildSaState.Rekeying
            && other.Remote.Address.Equals(child.Remote.Address)
            && other.LocalTrafficSelector.Equals(child.LocalTrafficSelector) && other.RemoteTrafficSelector.Equals(child.RemoteTrafficSelector));
        foreach (var superseded in older.Append(negotiated.Replaces).OfType<ChildSa>().Distinct().ToArray())
        {
            superseded.MarkReplaced();
        }
    }

    private static KernelSa CreateKernelSa(IkeSa sa, NegotiatedQuickMode negotiated, QuickModeProtocolChoice choice, IpsecProtocol protocol, SaDirection direction, uint spi, ulong childId, ulong softBytes, ulong hardBytes)
    {
        var ours = negotiated.Selection.Ours;
        var natEncapsulation = QuickModeEncapsulation.IsUdp(negotiated.Encapsulation);
        var inbound = direction == SaDirection.Inbound;
        var source = inbound ? sa.Remote : sa.Local;
        var destination = inbound ? sa.Local : sa.Remote;
        CipherAlgorithm? cipher = null;
        AeadAlgorithm? aead = null;
        IntegrityAlgorithm? integrity;
        int length;
        if (protocol == IpsecProtocol.Esp)
        {
            IpsecTransforms.TryResolveEsp(ours.Esp!, out cipher, out aead, out integrity);
            length = IpsecTransforms.EspKeyMaterialSize(ours.Esp!);
        }
        else
        {
            IpsecTransforms.TryResolveAh(ours.Ah!, out integrity);
            length = IpsecTransforms.AhKeyMaterialSize(ours.Ah!);
        }

        var keymat = sa.Keymat.QuickModeKeyMaterial(negotiated.PfsSecret, (byte)choice.Protocol, spi, negotiated.InitiatorNonce, negotiated.ResponderNonce, length);
        sa.Context.Tracer.Keys(sa.Id, $"KEYMAT {protocol} {direction} SPI 0x{spi:x8}", keymat);
        var encryptionKeySize = aead?.KeyMaterialSize ?? cipher?.KeySize ?? 0;
        return new KernelSa
        {
            Id = new KernelSaId(destination.Address, protocol, spi),
            Direction = direction,
            Source = source.Address,
            Mode = negotiated.Policy.Mode,
            Encapsulation = natEncapsulation ? new UdpEncapsulation((ushort)source.Port, (ushort)destination.Port) : null,
            Cipher = cipher,
            Aead = aead,
            EncryptionKey = keymat.AsMemory(0, encryptionKeySize),
            Integrity = integrity,
            IntegrityKey = keymat.AsMemory(encryptionKeySize),
            LocalTrafficSelector = negotiated.Local,
            RemoteTrafficSelector = negotiated.Remote,
            SoftByteLimit = softBytes,
            HardByteLimit = hardBytes,
            ReplayWindow = sa.Context.Options.ReplayWindow,
            ChildSaId = childId,
            PeerOriginalAddress = natEncapsulation && negotiated.Policy.Mode == IpsecMode.Transport ? negotiated.PeerOriginalAddress : null,
        };
    }
}
