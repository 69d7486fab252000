using System;
using System.Collections.Generic;
using System.Linq;
using Engine.Host.Ipsec;
using Engine.Ike.Configuration;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// A compiled policy as <see cref="IpsecEnforcer"/> turns it into IKE's policy and the data
/// plane's traps: one trap per negotiate filter, in the compiler's order, with entry ids 1..N.
/// </summary>
internal sealed record EnforcedPolicy(IkePolicy Ike, IReadOnlyList<NegotiationTrap> Traps)
{
    public static EnforcedPolicy From(CompiledPolicy compiled, IReadOnlyDictionary<Guid, string> secrets)
    {
        var translation = PolicyTranslator.Translate(compiled, secrets);
        var negotiated = compiled.Filters.Where(f => f.Action == FilterActionType.Negotiate).ToList();
        var traps = negotiated.Zip(translation.Policy.ChildPolicies)
            .Select((pair, index) => new NegotiationTrap(index + 1, index, pair.Second, pair.First))
            .ToList();
        return new EnforcedPolicy(translation.Policy, traps);
    }

    public static EnforcedPolicy From(ModelPolicy policy, params string[] hostAddresses) => From(policy.CompileFor(hostAddresses), policy.Secrets);
}
