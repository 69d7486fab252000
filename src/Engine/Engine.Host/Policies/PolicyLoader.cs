using System;
using System.Threading.Tasks;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Store;
using Engine.Host.Options;

namespace Engine.Host.Policies;

/// <summary>Reads the store and compiles its assigned policy for the engine's adapter: one <see cref="PolicySnapshot"/>.</summary>
public sealed class PolicyLoader
{
    private readonly EngineOptions options;
    private readonly IHostContextSource hosts;
    private readonly TimeProvider time;

    public PolicyLoader(EngineOptions options, IHostContextSource hosts, TimeProvider time)
    {
        this.options = options;
        this.hosts = hosts;
        this.time = time;
        Store = new PolicyStore(options.StorePath);
    }

    public PolicyStore Store { get; }

    /// <summary>Reads, discovers the adapter and compiles.</summary>
    /// <exception cref="IpSecPolicy.Model.Errors.PolicyException">StoreCorrupt, InterfaceNotFound, ...</exception>
    public PolicySnapshot Load()
    {
        // Discovering the adapter does not need the document: it runs while the store is read.
        var discovery = Task.Run(() => hosts.Discover(options.InterfaceAlias));
        // Document and keys as one consistent snapshot: every key the document names is there.
        var (document, keys) = Store.ReadWithSecrets();
        // The digest reads the document as the compiler does and neither changes it: on a large
        // policy each takes a few hundred milliseconds, so they run side by side.
        var fingerprint = Task.Run(() => PolicyFingerprint.Of(document, keys));
        var host = discovery.GetAwaiter().GetResult();
        // The assigned policy with the rules a VPN gateway or connection generated (EnforcedPolicy).
        var policy = EnforcedPolicy.Of(document);
        var compiled = policy is null ? null : PolicyCompiler.Compile(document, policy, host);
        return new PolicySnapshot(document, keys, compiled, host, fingerprint.GetAwaiter().GetResult(), time.GetUtcNow());
    }
}
