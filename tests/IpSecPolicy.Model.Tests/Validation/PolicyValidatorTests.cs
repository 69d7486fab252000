using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Validation;

public sealed class PolicyValidatorTests
{
    [Fact]
    public void A_filter_repeated_in_its_list_is_reported_once_at_the_repeat()
    {
        Filter F(string source, string destination, string protocol = "Any", ushort port = 0, bool mirrored = true) => new()
        {
            SourceAddress = FilterAddress.Parse(source),
            DestinationAddress = FilterAddress.Parse(destination),
            Protocol = FilterProtocol.Parse(protocol),
            DestinationPort = port,
            Mirrored = mirrored,
        };

        var document = new StoreDocument();
        document.FilterLists.Add(new FilterList
        {
            Name = "Servers",
            Filters =
            [
                F("Me", "host.example.com", "TCP", 443),
                F("Me", "10.0.0.0/24"),
                F("Me", "HOST.example.com", "TCP", 443),
                F("Me", "10.0.0.0/24", mirrored: false),
                F("Me", "10.0.0.0/24", "UDP"),
            ],
        });
        document.FilterLists[0].Filters.Add(new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Parse("10.0.0.0", "255.255.255.0") });

        var duplicates = PolicyValidator.Validate(document).Where(d => d.Code == ErrorIds.DuplicateFilter).ToList();

        // The third filter repeats the first (DNS names compare without case), the sixth the second
        // (a mask is a prefix length); mirrored or not, and another protocol, make other filters.
        Assert.Equal(2, duplicates.Count);
        Assert.Contains("HOST.example.com", duplicates[0].Target, System.StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Targets.Of(document.FilterLists[0], document.FilterLists[0].Filters[2]), duplicates[0].Target);
        Assert.Equal(Targets.Of(document.FilterLists[0], document.FilterLists[0].Filters[5]), duplicates[1].Target);
    }
}
