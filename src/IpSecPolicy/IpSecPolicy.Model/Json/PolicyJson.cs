using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Json;

/// <summary>The one set of JSON options for the store and for exported policy documents.</summary>
public static class PolicyJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // Generated metadata for the store's types, reflection for anything else (exports of single objects).
            TypeInfoResolver = JsonTypeInfoResolver.Combine(PolicyJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new TextFormConverter<FilterAddress>(text => FilterAddress.Parse(text), v => v.ToString()));
        options.Converters.Add(new TextFormConverter<FilterProtocol>(FilterProtocol.Parse, v => v.ToString()));
        options.Converters.Add(new TextFormConverter<SecurityMethod>(SecurityMethod.Parse, v => v.ToString()));
        options.Converters.Add(new TextFormConverter<MainModeMethod>(MainModeMethod.Parse, v => v.ToString()));
        options.Converters.Add(new TextFormConverter<IPAddress>(ParseIp, v => v.ToString()));
        return options;
    }

    private static IPAddress ParseIp(string text) => FilterAddress.TryParseIp(text, out var address)
        ? address
        : throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument, $"'{text}' is not an IP address.", text);
}
