using Engine.Ike.Encoding.Registry;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;

namespace Engine.Ike.Proposals;

/// <summary>
/// The encapsulation mode attribute of a quick mode: transport or tunnel, in UDP when a NAT is
/// between the peers, with RFC 3947's numbers (3, 4) or the drafts' (61443, 61444).
/// </summary>
internal static class QuickModeEncapsulation
{
    /// <summary>What we offer: the dialect both peers announced.</summary>
    public static EncapsulationMode Offer(IpsecMode mode, bool natDetected, NatTraversalVersion version) =>
        For(mode, natDetected, rfc: version != NatTraversalVersion.Draft);

    /// <summary>What we accept: behind a NAT both numberings, since Windows and macOS may use the draft's with RFC 3947 vendor IDs.</summary>
    public static IReadOnlyList<EncapsulationMode> Accepted(IpsecMode mode, bool natDetected) =>
        natDetected ? [For(mode, true, rfc: true), For(mode, true, rfc: false)] : [For(mode, false, rfc: true)];

    public static bool IsUdp(EncapsulationMode mode) =>
        mode is EncapsulationMode.UdpTransport or EncapsulationMode.UdpTunnel or EncapsulationMode.UdpTransportDraft or EncapsulationMode.UdpTunnelDraft;

    private static EncapsulationMode For(IpsecMode mode, bool natDetected, bool rfc) => (mode, natDetected, rfc) switch
    {
        (IpsecMode.Transport, false, _) => EncapsulationMode.Transport,
        (IpsecMode.Tunnel, false, _) => EncapsulationMode.Tunnel,
        (IpsecMode.Transport, true, true) => EncapsulationMode.UdpTransport,
        (IpsecMode.Tunnel, true, true) => EncapsulationMode.UdpTunnel,
        (IpsecMode.Transport, true, false) => EncapsulationMode.UdpTransportDraft,
        _ => EncapsulationMode.UdpTunnelDraft,
    };
}
