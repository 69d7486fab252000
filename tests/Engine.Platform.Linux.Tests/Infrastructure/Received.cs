using System.Net;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>One packet or datagram a <see cref="Collector"/> picked up, with its sender when known.</summary>
internal sealed record Received(byte[] Data, IPEndPoint? Source);
