using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Messages;

namespace Engine.Host.Tests.Support;

/// <summary>Talks to the control socket byte by byte, for what ControlClient never sends.</summary>
internal static class RawControl
{
    /// <summary>Sends <paramref name="bytes"/>, reads until the engine closes, returns what came back.</summary>
    public static string Exchange(string socketPath, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        socket.ReceiveTimeout = 15000;
        socket.Send(bytes);
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Exchange(string socketPath, string line) => Exchange(socketPath, Encoding.UTF8.GetBytes(line));

    public static ControlResponse Response(string text) => JsonSerializer.Deserialize<ControlResponse>(text.TrimEnd('\n'), ControlJson.Options)!;
}
