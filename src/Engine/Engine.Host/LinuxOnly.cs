using System.Runtime.Versioning;

// The engine runs on Linux only (Unix sockets with file modes, network namespaces, later TUN and
// nftables); saying so lets the platform analyzer check every Unix-only call.
[assembly: SupportedOSPlatform("linux")]
