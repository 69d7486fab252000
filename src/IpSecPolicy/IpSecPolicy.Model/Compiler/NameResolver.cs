namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// Resolves a DNS name for the compiler. Returns a failure rather than throwing, so that one bad name
/// costs only its own filters. Tests pass a table; the system's resolver is <see cref="HostDiscovery.SystemResolver"/>.
/// </summary>
public delegate NameResolution NameResolver(string name);
