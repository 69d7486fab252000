using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Tests.Operations;

public class ConfigurationOperationsTests
{
    private readonly StoreDocument document = new();

    [Fact]
    public void A_new_store_has_windows_defaults()
    {
        var configuration = document.Configuration;

        Assert.Equal(3, configuration.DefaultExemption);
        Assert.Equal(0, configuration.StrongCrlCheck);
        Assert.False(configuration.IkeLogging);
        Assert.Equal(3, configuration.FallbackToClearSeconds);
        Assert.Equal(60, configuration.NegotiationFailureBlockSeconds);
        Assert.Equal(300, configuration.IdleSaSeconds);
        Assert.Equal(NatTraversalMode.None, configuration.NatTraversal);
    }

    [Fact]
    public void Change_sets_only_what_is_given()
    {
        var configuration = document.ChangeConfiguration(new ConfigurationChange { StrongCrlCheck = 2, NatTraversal = NatTraversalMode.Server, IkeLogging = true });

        Assert.Equal(2, configuration.StrongCrlCheck);
        Assert.Equal(NatTraversalMode.Server, configuration.NatTraversal);
        Assert.True(configuration.IkeLogging);
        Assert.Equal(3, configuration.DefaultExemption);
        Assert.Equal(300, configuration.IdleSaSeconds);
        Assert.Same(configuration, document.Configuration);
    }

    [Theory]
    [InlineData(0, 0, 1, 0, 300)]
    [InlineData(3, 2, 3600, 3600, 3600)]
    public void Accepts_the_ends_of_every_range(int exemption, int crl, int fallback, int block, int idle)
    {
        var configuration = document.ChangeConfiguration(new ConfigurationChange
        {
            DefaultExemption = exemption,
            StrongCrlCheck = crl,
            FallbackToClearSeconds = fallback,
            NegotiationFailureBlockSeconds = block,
            IdleSaSeconds = idle,
        });

        Assert.Equal(idle, configuration.IdleSaSeconds);
    }

    [Theory]
    [InlineData(4, null, null, null, null, "DefaultExemption")]
    [InlineData(-1, null, null, null, null, "DefaultExemption")]
    [InlineData(null, 3, null, null, null, "StrongCrlCheck")]
    [InlineData(null, null, 0, null, null, "FallbackToClearSeconds")]
    [InlineData(null, null, null, -1, null, "NegotiationFailureBlockSeconds")]
    [InlineData(null, null, null, null, 299, "IdleSaSeconds")]
    [InlineData(null, null, null, null, 3601, "IdleSaSeconds")]
    public void Refuses_values_outside_windows_ranges_and_changes_nothing(int? exemption, int? crl, int? fallback, int? block, int? idle, string named)
    {
        var change = new ConfigurationChange
        {
            IkeLogging = true,
            DefaultExemption = exemption,
            StrongCrlCheck = crl,
            FallbackToClearSeconds = fallback,
            NegotiationFailureBlockSeconds = block,
            IdleSaSeconds = idle,
        };

        var error = Assert.Throws<PolicyException>(() => document.ChangeConfiguration(change));

        Assert.Equal(ErrorIds.InvalidValue, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith(named, error.Message);
        Assert.False(document.Configuration.IkeLogging);
    }

    [Fact]
    public void Refuses_an_undefined_nat_traversal_mode()
    {
        var error = Assert.Throws<PolicyException>(() => document.ChangeConfiguration(new ConfigurationChange { NatTraversal = (NatTraversalMode)7 }));

        Assert.Equal(ErrorIds.InvalidValue, error.ErrorId);
    }
}
