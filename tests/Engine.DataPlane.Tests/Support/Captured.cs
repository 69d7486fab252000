using System.Collections.Concurrent;

namespace Engine.DataPlane.Tests.Support;

/// <summary>Holds back every datagram on a fake network so a test can replay, tamper with or drop it.</summary>
public sealed class Captured
{
    private readonly ConcurrentQueue<byte[]> datagrams = new();

    private Captured()
    {
    }

    public IReadOnlyList<byte[]> Datagrams => datagrams.ToArray();

    /// <summary>Captures and swallows everything sent on <paramref name="network"/> from now on.</summary>
    public static Captured On(FakeNetwork network)
    {
        var captured = new Captured();
        network.Interceptor = datagram =>
        {
            captured.datagrams.Enqueue(datagram);
            return null;
        };
        return captured;
    }
}
