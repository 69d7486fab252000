using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Adding filters to and removing them from a list (netsh add|delete filter), applied to a document
/// inside PolicyStore.Update. What a filter may look like is checked here with the argument as the
/// culprit; what it does to the rules that use its list (a Negotiate rule needs mirrored filters, a
/// tunnel rule address-only ones) is left to the store's validator, which sees every rule.
/// </summary>
public static class FilterOperations
{
    /// <summary>
    /// The sides of a new filter when one or both were left out: the source is My IP Address, the
    /// destination Any IP Address (the IP Filter Wizard's choices), except that the other side of a
    /// server token (Dns, Wins, Dhcp, Gateway) is always Me, as netsh requires.
    /// </summary>
    public static (FilterAddress Source, FilterAddress Destination) DefaultSides(FilterAddress? source, FilterAddress? destination)
    {
        var resolvedSource = source ?? FilterAddress.Me;
        var resolvedDestination = destination ?? (resolvedSource.IsServerToken ? FilterAddress.Me : FilterAddress.Any);
        return (resolvedSource, resolvedDestination);
    }

    /// <summary>Refuses a filter that cannot work whatever list it is in.</summary>
    public static void CheckFilter(Filter filter)
    {
        if (!filter.Protocol.HasPorts && (filter.SourcePort != 0 || filter.DestinationPort != 0))
        {
            throw new PolicyException(ErrorIds.PortsRequireTcpOrUdp, PolicyErrorCategory.InvalidArgument,
                $"Ports apply only to TCP and UDP, not to protocol {filter.Protocol}; give -Protocol TCP or UDP, or leave the ports at 0 (any).",
                filter.ToString());
        }

        if ((filter.SourceAddress.IsServerToken && filter.DestinationAddress.Kind != FilterAddressKind.Me)
            || (filter.DestinationAddress.IsServerToken && filter.SourceAddress.Kind != FilterAddressKind.Me))
        {
            throw new PolicyException(ErrorIds.ServerTokenRequiresMe, PolicyErrorCategory.InvalidArgument,
                $"When one side is Dns, Wins, Dhcp or Gateway, the other side must be Me: '{filter}'.", filter.ToString());
        }

        var sourceFamily = filter.SourceAddress.Family;
        var destinationFamily = filter.DestinationAddress.Family;
        if (sourceFamily is not null && destinationFamily is not null && sourceFamily != destinationFamily)
        {
            throw new PolicyException(ErrorIds.MixedAddressFamilies, PolicyErrorCategory.InvalidArgument,
                $"Source and destination are of different address families (IPv4 and IPv6): '{filter}'.", filter.ToString());
        }
    }

    /// <summary>Adds a filter to the named list; a list never holds the same selector twice.</summary>
    public static Filter AddFilter(this StoreDocument document, string listName, Filter filter, DateTimeOffset now)
    {
        var list = document.GetFilterList(listName);
        CheckFilter(filter);
        if (list.Filters.Any(existing => existing.SameSelector(filter)))
        {
            throw new PolicyException(ErrorIds.DuplicateFilter, PolicyErrorCategory.ResourceExists,
                $"Filter list '{list.Name}' already holds the filter '{filter}'.", filter.ToString());
        }

        filter.FilterList = list.Name;
        list.Filters.Add(filter);
        list.LastModified = now;
        return filter;
    }

    /// <summary>Removes every filter of the list that the selector matches; none matching is an error.</summary>
    public static IReadOnlyList<Filter> RemoveFilters(this StoreDocument document, string listName, FilterSelector selector, DateTimeOffset now)
    {
        var list = document.GetFilterList(listName);
        var removed = list.Filters.Where(selector.Matches).ToList();
        if (removed.Count == 0)
        {
            throw new PolicyException(ErrorIds.FilterNotFound, PolicyErrorCategory.ObjectNotFound,
                $"Filter list '{list.Name}' holds no filter matching {selector}.", selector.ToString());
        }

        list.Filters.RemoveAll(selector.Matches);
        list.LastModified = now;
        removed.ForEach(f => f.FilterList = list.Name);
        return removed;
    }

    /// <summary>Removes one filter, found by its list and its exact selector (a Get-IpSecFilter result).</summary>
    public static Filter RemoveFilter(this StoreDocument document, Filter filter, DateTimeOffset now)
    {
        if (filter.FilterList is null)
        {
            throw new PolicyException(ErrorIds.FilterListNotFound, PolicyErrorCategory.InvalidArgument,
                $"The filter '{filter}' names no filter list; take it from Get-IpSecFilter, or remove it with -FilterList.", filter.ToString());
        }

        var list = document.GetFilterList(filter.FilterList);
        var stored = list.Filters.FirstOrDefault(existing => existing.SameSelector(filter))
            ?? throw new PolicyException(ErrorIds.FilterNotFound, PolicyErrorCategory.ObjectNotFound,
                $"{Targets.Of(list, filter)} does not exist (any more).", filter.ToString());
        list.Filters.Remove(stored);
        list.LastModified = now;
        stored.FilterList = list.Name;
        return stored;
    }
}
