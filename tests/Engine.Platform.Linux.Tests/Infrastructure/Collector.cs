using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>
/// Reads a TUN device or a bind on a background thread, so that tests can wait for a packet with
/// a time limit. Disposing disposes the source, which is what ends the blocked read.
/// </summary>
internal sealed class Collector : IDisposable
{
    private readonly BlockingCollection<Received> _received = new();
    private readonly IDisposable _source;
    private readonly Thread _reader;

    private Collector(IDisposable source, Func<byte[], (int Length, IPEndPoint? Source)> read)
    {
        _source = source;
        _reader = new Thread(() =>
        {
            var buffer = new byte[65536];
            try
            {
                while (true)
                {
                    (int length, IPEndPoint? sender) = read(buffer);
                    _received.Add(new Received(buffer.AsSpan(0, length).ToArray(), sender));
                }
            }
            catch (ObjectDisposedException)
            {
                // The test is done with the source.
            }
        })
        { IsBackground = true, Name = "test collector" };
        _reader.Start();
    }

    internal static Collector Of(ITunDevice device) =>
        new(device, buffer => (device.Read(buffer), null));

    internal static Collector Of(IDatagramBind bind)
    {
        var address = new SocketAddress(bind.AddressFamily);
        return new Collector(bind, buffer =>
        {
            int length = bind.Receive(buffer, address);
            return (length, (IPEndPoint)new IPEndPoint(bind.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(address));
        });
    }

    /// <summary>The next packet, or null when none arrives within <paramref name="timeout"/>.</summary>
    internal Received? Next(TimeSpan timeout) => _received.TryTake(out Received? item, timeout) ? item : null;

    /// <summary>The first packet satisfying <paramref name="predicate"/>; others are skipped.</summary>
    internal Received? First(Func<byte[], bool> predicate, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Next(deadline - DateTime.UtcNow) is { } item && predicate(item.Data))
            {
                return item;
            }
        }

        return null;
    }

    public void Dispose()
    {
        _source.Dispose();
        _reader.Join(TimeSpan.FromSeconds(5));
        _received.Dispose();
    }
}
