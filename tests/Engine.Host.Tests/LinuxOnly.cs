using System.Runtime.Versioning;

// The engine under test is Linux-only (its assembly says so); so are these tests.
[assembly: SupportedOSPlatform("linux")]
