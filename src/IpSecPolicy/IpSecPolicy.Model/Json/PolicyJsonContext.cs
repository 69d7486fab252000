using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// Serialization code generated at build time for the store's two files. Without it the first read
/// of a store builds every type's accessors by reflection and emitted IL, which is a large part of
/// the engine's start on a big policy. <see cref="PolicyJson.Options"/> uses it first and keeps its
/// own converters, which the generated code defers to.
/// </summary>
[JsonSerializable(typeof(StoreDocument))]
[JsonSerializable(typeof(Dictionary<Guid, string?>))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext
{
}
