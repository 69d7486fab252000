using System.Linq;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Tests;

/// <summary>Get-IpSecFilter -Effective: the compiled filters, through the one compiler.</summary>
public sealed class EffectiveFilterCommandsTests : System.IDisposable
{
    private const string Host = "$IpSecPolicyHostContext = [IpSecPolicy.Model.Compiler.HostContext]::ForAddresses('192.0.2.10', '2001:db8::10'); ";

    private readonly PowerShellSession session = new();

    [Fact]
    public void Mirrored_filters_expand_both_ways_for_each_address_of_me_most_specific_first()
    {
        var filters = session.Invoke(Host + "Get-IpSecFilter -Effective -Policy 'Secure Server (Require Security)'").Ok().All<EffectiveFilter>();

        Assert.Equal(8, filters.Count);
        Assert.Equal(Enumerable.Range(1, 8), filters.Select(f => f.Order));
        Assert.Equal(FilterActionType.Permit, filters[0].Action);
        Assert.Contains(filters, f => f.Direction == FilterDirection.Mirrored && f.DestinationText.StartsWith("192.0.2.10"));
        Assert.Contains(filters, f => f.ProtocolName == "ICMPv6");
    }

    [Fact]
    public void Without_a_policy_the_assigned_one_is_compiled()
    {
        session.Invoke("Enable-IpSecPolicy 'Server (Request Security)'").Ok();

        var filters = session.Invoke(Host + "Get-IpSecFilter -Effective").Ok().All<EffectiveFilter>();

        Assert.All(filters, f => Assert.Equal("Server (Request Security)", f.Policy));
    }

    [Fact]
    public void With_nothing_assigned_it_says_so()
    {
        Assert.StartsWith("NoPolicyAssigned", session.SingleError(Host + "Get-IpSecFilter -Effective").FullyQualifiedErrorId);
    }

    [Fact]
    public void Policy_objects_bind_from_the_pipeline_and_a_dns_name_shows_what_it_resolved_to()
    {
        session.Invoke("New-IpSecFilterList L; New-IpSecFilter -FilterList L -DestinationAddress partner.example; New-IpSecPolicy P; " +
            "New-IpSecRule -Policy P -Name R -FilterList L -FilterAction Permit | Out-Null").Ok();
        var host = "$names = [System.Collections.Generic.Dictionary[string,string[]]]::new(); $names['partner.example'] = @('198.51.100.7'); " +
            "$IpSecPolicyHostContext = [IpSecPolicy.Model.Compiler.HostContext]::ForAddresses('192.0.2.10').WithResolver(" +
            "[IpSecPolicy.Model.Compiler.HostContext]::TableResolver($names)); ";

        var filters = session.Invoke(host + "Get-IpSecPolicy P | Get-IpSecFilter -Effective").Ok().All<EffectiveFilter>();

        Assert.Contains(filters, f => f.DestinationText.Contains("198.51.100.7") && f.DestinationText.Contains("partner.example"));
    }

    [Fact]
    public void Effective_filters_print_as_a_table()
    {
        var text = session.Render(Host + "Get-IpSecFilter -Effective -Policy 'Client (Respond Only)'; Get-IpSecFilter -Effective -Policy 'Server (Request Security)'");

        Assert.Contains("Destination", text);
        Assert.Contains("Negotiate", text);
    }

    public void Dispose() => session.Dispose();
}
