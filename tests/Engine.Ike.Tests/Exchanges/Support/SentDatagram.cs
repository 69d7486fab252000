using System.Net;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>A datagram on the in-memory wire, with what a test needs to pick it out.</summary>
public sealed class SentDatagram
{
    public SentDatagram(byte[] payload, IPEndPoint source, IPEndPoint destination, int sequence, DateTimeOffset time)
    {
        Time = time;
        Payload = payload;
        Source = source;
        Destination = destination;
        Sequence = sequence;
        var ike = IkeBytes;
        if (ike is not null && IsakmpHeader.TryRead(ike, out var header))
        {
            Header = header;
        }
    }

    public byte[] Payload { get; set; }

    public IPEndPoint Source { get; set; }

    public IPEndPoint Destination { get; set; }

    /// <summary>Order of sending on the network, from 1.</summary>
    public int Sequence { get; }

    /// <summary>When it was sent, on the test's clock.</summary>
    public DateTimeOffset Time { get; }

    public IsakmpHeader? Header { get; }

    public bool IsKeepalive => Payload.Length == 1 && Payload[0] == 0xFF;

    /// <summary>The ISAKMP message without the non-ESP marker; null for keepalives.</summary>
    public byte[]? IkeBytes =>
        IsKeepalive ? null
        : Destination.Port == 4500 || Source.Port == 4500 ? (Payload.Length >= 4 ? Payload[4..] : null)
        : Payload;

    public IsakmpExchangeType? Exchange => Header?.ExchangeType;

    public bool IsEncrypted => Header?.IsEncrypted ?? false;

    public override string ToString() => $"#{Sequence} {Source} -> {Destination} {Exchange} mid {Header?.MessageId:x8} {Payload.Length} bytes";
}
