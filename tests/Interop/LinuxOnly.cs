using System.Runtime.Versioning;

// The engine and every peer here are Linux programs run in network namespaces.
[assembly: SupportedOSPlatform("linux")]
