using System.Collections.Generic;
using System.Linq;
using Engine.Ike.Configuration;

namespace Engine.Host.Ipsec;

/// <summary>
/// Keeps IKE from negotiating what the data plane cannot carry. The data plane applies one SA per
/// packet, so an AH+ESP bundle ("AH[SHA256]+ESP[AES128,SHA1]") would go out with only one of its two
/// transforms: such methods are left out of what IKE offers and accepts, with a warning. A filter
/// left with no method cannot be negotiated, and its traffic stays blocked (fail closed).
/// </summary>
internal static class DataPlaneLimits
{
    public static IkePolicy Restrict(IkePolicy policy, List<string> warnings)
    {
        var children = policy.ChildPolicies.Select(child =>
        {
            var usable = Usable(child.Proposals, $"rule '{child.Name}'", warnings);
            return usable.Count == child.Proposals.Count ? child : new ChildPolicy
            {
                Name = child.Name,
                Local = child.Local,
                Remote = child.Remote,
                TunnelPeer = child.TunnelPeer,
                Proposals = usable,
                Pfs = child.Pfs,
                PfsGroup = child.PfsGroup,
            };
        }).ToList();

        var response = policy.DefaultResponse;
        if (response is not null)
        {
            var usable = Usable(response.Proposals, "default response rule", warnings);
            if (usable.Count != response.Proposals.Count)
            {
                response = new DefaultResponsePolicy { Proposals = usable, Pfs = response.Pfs };
            }
        }

        return new IkePolicy
        {
            Name = policy.Name,
            MainMode = policy.MainMode,
            PreSharedKeys = policy.PreSharedKeys,
            ChildPolicies = children,
            DefaultResponse = response,
        };
    }

    private static List<QuickModeProposal> Usable(IReadOnlyList<QuickModeProposal> proposals, string owner, List<string> warnings)
    {
        var usable = proposals.Where(p => p.Esp is null || p.Ah is null).ToList();
        if (usable.Count < proposals.Count)
        {
            warnings.Add(usable.Count == 0
                ? $"{owner}: AH+ESP bundles are not supported by the data plane and it has no other security method; its traffic cannot be secured and stays blocked"
                : $"{owner}: AH+ESP bundles are not supported by the data plane; {proposals.Count - usable.Count} such security method(s) left out");
        }

        return usable;
    }
}
