using System.Collections;
using System.Collections.Generic;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// Finds the first member a read store document left null (<c>"filters": null</c>, a null list
/// item): System.Text.Json accepts those, and the model would fail on them later, far from the
/// file. Reported as StoreCorrupt with the JSON path and line instead.
/// </summary>
internal static class StoreDocumentShape
{
    public static string? FirstMissing(StoreDocument document)
    {
        if (document.Configuration is null)
        {
            return "$.configuration";
        }

        return Items("$.filterLists", document.FilterLists, FilterList)
            ?? Items("$.filterActions", document.FilterActions, FilterAction)
            ?? Items("$.policies", document.Policies, Policy)
            ?? (document.VpnGateway is { } gateway ? VpnGateway("$.vpnGateway", gateway) : null)
            ?? (document.VpnConnection is { } connection ? VpnConnection("$.vpnConnection", connection) : null);
    }

    private static string? VpnGateway(string path, VpnGateway gateway) =>
        Missing(path + ".interfaceAlias", gateway.InterfaceAlias)
        ?? Missing(path + ".addressRange", gateway.AddressRange)
        ?? Values(path + ".dnsServers", gateway.DnsServers)
        ?? Values(path + ".winsServers", gateway.WinsServers)
        ?? Missing(path + ".authenticationMethods", gateway.AuthenticationMethods);

    private static string? VpnConnection(string path, VpnConnection connection) =>
        Missing(path + ".interfaceAlias", connection.InterfaceAlias)
        ?? Missing(path + ".serverAddress", connection.ServerAddress)
        ?? Missing(path + ".userName", connection.UserName)
        ?? Missing(path + ".authenticationMethods", connection.AuthenticationMethods)
        ?? Values(path + ".routes", connection.Routes);

    private static string? FilterList(string path, FilterList list) =>
        Missing(path + ".name", list.Name)
        ?? Items(path + ".filters", list.Filters, (p, filter) =>
            Missing(p + ".sourceAddress", filter.SourceAddress) ?? Missing(p + ".destinationAddress", filter.DestinationAddress));

    private static string? FilterAction(string path, FilterAction action) =>
        Missing(path + ".name", action.Name) ?? Values(path + ".securityMethods", action.SecurityMethods);

    private static string? Policy(string path, Policy policy) =>
        Missing(path + ".name", policy.Name)
        ?? Values(path + ".mainModeSecurityMethods", policy.MainModeSecurityMethods)
        ?? Missing(path + ".defaultResponseRule", policy.DefaultResponseRule)
        ?? Values(path + ".defaultResponseRule.securityMethods", policy.DefaultResponseRule.SecurityMethods)
        ?? Values(path + ".defaultResponseRule.authMethods", policy.DefaultResponseRule.AuthMethods)
        ?? Items(path + ".rules", policy.Rules, (p, rule) =>
            Missing(p + ".name", rule.Name)
            ?? Missing(p + ".filterList", rule.FilterList)
            ?? Missing(p + ".filterAction", rule.FilterAction)
            ?? Values(p + ".authMethods", rule.AuthMethods));

    private static string? Items<T>(string path, List<T>? items, System.Func<string, T, string?> inner)
        where T : class
    {
        if (items is null)
        {
            return path;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemPath = $"{path}[{i}]";
            var missing = item is null ? itemPath : inner(itemPath, item);
            if (missing is not null)
            {
                return missing;
            }
        }

        return null;
    }

    private static string? Values(string path, IList? items)
    {
        if (items is null)
        {
            return path;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return $"{path}[{i}]";
            }
        }

        return null;
    }

    private static string? Missing(string path, object? value) => value is null ? path : null;
}
