using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace Engine.Host.Tests.Enforcement;

/// <summary>Builds a store document with one policy, one filter list and action per rule, compiled for a dual-stack host.</summary>
internal sealed class ExamplePolicy
{
    private readonly StoreDocument document = new();
    private readonly Policy policy = new() { Name = "Example" };

    public ExamplePolicy() => document.Policies.Add(policy);

    public static Filter F(string source, string destination, string protocol = "Any", ushort sourcePort = 0, ushort destinationPort = 0) => new()
    {
        SourceAddress = FilterAddress.Parse(source),
        DestinationAddress = FilterAddress.Parse(destination),
        Protocol = FilterProtocol.Parse(protocol),
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Mirrored = true,
    };

    public ExamplePolicy Rule(string name, FilterActionType action, bool inpass = false, bool soft = false, params Filter[] filters)
    {
        document.FilterLists.Add(new FilterList { Name = name + " list", Filters = filters.ToList() });
        document.FilterActions.Add(new FilterAction
        {
            Name = name + " action",
            Action = action,
            AllowUnsecuredInbound = inpass,
            FallbackToClear = soft,
            SecurityMethods = action == FilterActionType.Negotiate ? new List<SecurityMethod>(SecurityMethod.Defaults) : new List<SecurityMethod>(),
        });
        policy.Rules.Add(new Rule
        {
            Name = name,
            FilterList = name + " list",
            FilterAction = name + " action",
            AuthMethods = new List<AuthMethod> { AuthMethod.ForCertificate("CN=Test Root") },
        });
        return this;
    }

    public CompiledPolicy Compile() => PolicyCompiler.Compile(document, policy, HostContext.ForAddresses("192.0.2.10", "2001:db8::10"));
}
