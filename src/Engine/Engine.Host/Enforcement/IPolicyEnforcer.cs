using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Policies;

namespace Engine.Host.Enforcement;

/// <summary>
/// What makes a compiled policy real: the IKE control plane (negotiates SAs for Negotiate filters)
/// and the data plane (classifies packets, permits, blocks, secures). Each registers itself in
/// <see cref="EngineServices"/>; the policy agent hands every enforcer each new policy in the order
/// they were registered, and the engine withdraws them in reverse order when it stops cleanly.
/// </summary>
public interface IPolicyEnforcer
{
    /// <summary>A short name for logs and Get-IpSecEngine (e.g. "IKEv1", "ESP data plane").</summary>
    string Name { get; }

    /// <summary>
    /// Enforce <paramref name="policy"/> from now on: at start and after every change the agent finds
    /// (never for an unchanged re-read). SAs whose filters still apply are kept, others deleted with a
    /// DELETE to the peer. <see cref="PolicySnapshot.Compiled"/> is null when no policy is assigned.
    /// </summary>
    Task ApplyAsync(PolicySnapshot policy, CancellationToken cancellationToken);

    /// <summary>The engine stops cleanly (Stop-IpSecEngine, SIGTERM): delete SAs, notifying peers.</summary>
    Task WithdrawAsync(CancellationToken cancellationToken);
}
