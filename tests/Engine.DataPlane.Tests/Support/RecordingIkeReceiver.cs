using System.Collections.Concurrent;
using System.Net;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;

namespace Engine.DataPlane.Tests.Support;

/// <summary>The IKE side of port 4500 in tests: keeps what arrives.</summary>
public sealed class RecordingIkeReceiver : IIkeDatagramReceiver
{
    private readonly ConcurrentQueue<(byte[] Message, IPEndPoint Source)> messages = new();

    public IReadOnlyList<(byte[] Message, IPEndPoint Source)> Messages => messages.ToArray();

    public void IkeDatagramReceived(ReadOnlySpan<byte> message, SocketAddress source, IDatagramBind bind)
    {
        var template = new IPEndPoint(source.Family == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        var from = (IPEndPoint)template.Create(source);
        messages.Enqueue((message.ToArray(), from));
    }
}
