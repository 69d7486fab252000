using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// A policy written in the module's model (filter lists, filter actions, rules with a pre-shared
/// key) and compiled for one host with the module's compiler, as the engine compiles the store's
/// assigned policy: what the in-process engines enforce.
/// </summary>
internal sealed class ModelPolicy
{
    /// <summary>The pre-shared key every rule authenticates with, unless another is given.</summary>
    public const string Key = "in-process pre-shared key";

    private readonly StoreDocument document = new();
    private readonly Policy policy;
    private readonly AuthMethod preSharedKey;
    private readonly string key;

    public ModelPolicy(string name = "In-process", string key = Key)
    {
        this.key = key;
        preSharedKey = AuthMethod.ForPreSharedKey(key);
        policy = new Policy
        {
            Name = name,
            MainModeSecurityMethods = [MainModeMethod.Parse("AES128-SHA256-19")],
            DefaultResponseRule = new DefaultResponseRule { Active = false },
        };
        document.Policies.Add(policy);
    }

    /// <summary>The store's secrets as the engine reads them: the auth method's id to its key.</summary>
    public IReadOnlyDictionary<Guid, string> Secrets => new Dictionary<Guid, string> { [preSharedKey.Id] = key };

    public static Filter Filter(string source, string destination, bool mirrored = true) => new()
    {
        SourceAddress = FilterAddress.Parse(source),
        DestinationAddress = FilterAddress.Parse(destination),
        Mirrored = mirrored,
    };

    /// <summary>A Negotiate rule over <paramref name="filters"/>; a tunnel rule when <paramref name="tunnelEndpoint"/> is set.</summary>
    public ModelPolicy Negotiate(string name, IEnumerable<Filter> filters, string securityMethod = "ESP[AES128,SHA256]:100000k/3600s",
        string? tunnelEndpoint = null, bool inpass = false, bool soft = false, bool pfs = false)
    {
        document.FilterLists.Add(new FilterList { Name = name, Filters = filters.ToList() });
        document.FilterActions.Add(new FilterAction
        {
            Name = name,
            Action = FilterActionType.Negotiate,
            SecurityMethods = [SecurityMethod.Parse(securityMethod)],
            AllowUnsecuredInbound = inpass,
            FallbackToClear = soft,
            SessionKeyPfs = pfs,
        });
        policy.Rules.Add(new Rule
        {
            Name = name,
            FilterList = name,
            FilterAction = name,
            AuthMethods = [preSharedKey],
            TunnelEndpoint = tunnelEndpoint is null ? null : IPAddress.Parse(tunnelEndpoint),
        });
        return this;
    }

    public ModelPolicy Permit(string name, params Filter[] filters)
    {
        document.FilterLists.Add(new FilterList { Name = name, Filters = filters.ToList() });
        document.FilterActions.Add(new FilterAction { Name = name, Action = FilterActionType.Permit });
        policy.Rules.Add(new Rule { Name = name, FilterList = name, FilterAction = name });
        return this;
    }

    /// <summary>The policy compiled for a host with <paramref name="hostAddresses"/>.</summary>
    public CompiledPolicy CompileFor(params string[] hostAddresses) => PolicyCompiler.Compile(document, policy, HostContext.ForAddresses(hostAddresses));
}
