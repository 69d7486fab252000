using System.Collections.Generic;

namespace Engine.Platform.Linux.Namespaces;

/// <summary>One end of a <see cref="VethPair"/>: its namespace, interface name and addresses (IPv4 and/or IPv6).</summary>
public sealed record VethEnd(string NetworkNamespace, string InterfaceName, IReadOnlyList<InterfaceAddress> Addresses);
