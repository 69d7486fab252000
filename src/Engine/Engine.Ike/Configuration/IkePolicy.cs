using System.Net;
using Engine.Ike.Kernel;
using Engine.Ike.Selectors;

namespace Engine.Ike.Configuration;

/// <summary>
/// Everything IKE needs from the assigned IPsec policy: the main mode settings, the pre-shared
/// keys by peer address, the negotiate filters as child policies (most specific first, the
/// compiler's order), and the default response rule. <see cref="PolicyTranslator"/> builds it from
/// the policy model; tests build it directly.
/// </summary>
public sealed class IkePolicy
{
    public string Name { get; init; } = "policy";

    public required MainModePolicy MainMode { get; init; }

    /// <summary>Looked up in order; the first entry whose range holds the peer address wins.</summary>
    public IReadOnlyList<PreSharedKeyEntry> PreSharedKeys { get; init; } = [];

    /// <summary>In the compiler's order, most specific first.</summary>
    public IReadOnlyList<ChildPolicy> ChildPolicies { get; init; } = [];

    public DefaultResponsePolicy? DefaultResponse { get; init; }

    public PreSharedKeyEntry? FindPreSharedKey(IPAddress peer) =>
        PreSharedKeys.FirstOrDefault(entry => entry.Peers.Contains(peer));

    /// <summary>
    /// The child policy that lets a peer protect the traffic it names in quick mode: the first
    /// whose selectors hold both IDs (a tunnel policy only for its own gateway; the mode
    /// itself is checked with the proposals, where a mismatch is NO-PROPOSAL-CHOSEN), or the default response rule for exactly those IDs. Null when
    /// nothing does: INVALID-ID-INFORMATION.
    /// </summary>
    public ChildPolicy? FindForResponder(IPAddress peer, TrafficSelector remote, TrafficSelector local)
    {
        foreach (var policy in ChildPolicies)
        {
            if (!policy.Remote.Covers(remote) || !policy.Local.Covers(local))
            {
                continue;
            }

            if (policy.Mode == IpsecMode.Transport || policy.TunnelPeer!.Equals(peer))
            {
                return policy;
            }
        }

        if (DefaultResponse is { } response)
        {
            return new ChildPolicy
            {
                Name = "Default Response",
                Local = local,
                Remote = remote,
                Proposals = response.Proposals,
                Pfs = response.Pfs,
            };
        }

        return null;
    }
}
