using System.Runtime.Versioning;

// Every API here wraps a Linux system call, device or command; callers on other systems get a
// compile-time warning instead of a runtime failure.
[assembly: SupportedOSPlatform("linux")]
