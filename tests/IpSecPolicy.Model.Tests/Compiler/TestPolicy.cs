using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Compiler;

/// <summary>Builds a store document with one policy "P", one filter list and action per rule.</summary>
internal sealed class TestPolicy
{
    public TestPolicy()
    {
        Document.Policies.Add(Policy);
    }

    public StoreDocument Document { get; } = new();

    public Policy Policy { get; } = new() { Name = "P" };

    public static HostContext Host { get; } = HostContext.ForAddresses("192.0.2.10", "2001:db8::10");

    public static Filter F(string source, string destination, string protocol = "Any", ushort sourcePort = 0, ushort destinationPort = 0, bool mirrored = true) => new()
    {
        SourceAddress = FilterAddress.Parse(source),
        DestinationAddress = FilterAddress.Parse(destination),
        Protocol = FilterProtocol.Parse(protocol),
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Mirrored = mirrored,
    };

    public TestPolicy Rule(string name, FilterActionType action, params Filter[] filters) =>
        Rule(name, action, new List<AuthMethod> { AuthMethod.ForCertificate("CN=Test Root") }, filters);

    public TestPolicy Rule(string name, FilterActionType action, List<AuthMethod> auth, params Filter[] filters)
    {
        Document.FilterLists.Add(new FilterList { Name = name + " list", Filters = filters.ToList() });
        Document.FilterActions.Add(new FilterAction
        {
            Name = name + " action",
            Action = action,
            SecurityMethods = action == FilterActionType.Negotiate ? new List<SecurityMethod>(SecurityMethod.Defaults) : new List<SecurityMethod>(),
        });
        Policy.Rules.Add(new Objects.Rule { Name = name, FilterList = name + " list", FilterAction = name + " action", AuthMethods = auth });
        return this;
    }

    public CompiledPolicy Compile(HostContext? host = null) => PolicyCompiler.Compile(Document, Policy, host ?? Host);
}
