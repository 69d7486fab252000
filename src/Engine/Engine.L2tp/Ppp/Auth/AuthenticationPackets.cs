using System;
using System.Buffers;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// Packet buffers for one authentication exchange, and the way out. Each packet is written into a
/// buffer from the shared pool (<see cref="Writer"/>) that <see cref="Send"/> wipes and gives
/// back: the exchange object lives as long as the session, the buffer only as long as the packet.
/// </summary>
internal sealed class AuthenticationPackets
{
    private const int Capacity = 1024;
    private readonly PppContext context;
    private readonly ushort protocol;
    private byte[]? buffer;

    public AuthenticationPackets(PppContext context, ushort protocol)
    {
        this.context = context;
        this.protocol = protocol;
    }

    /// <summary>A writer for the next packet; called under the session lock, followed by <see cref="Send"/>.</summary>
    public PppPacketWriter Writer()
    {
        buffer ??= ArrayPool<byte>.Shared.Rent(Capacity);
        return new(buffer.AsSpan(0, Capacity));
    }

    public void Send(in PppPacketWriter writer)
    {
        if (!writer.Overflowed)
        {
            context.SendControl(protocol, writer.Written);
        }

        // A PAP request holds the password: leave nothing of it behind in the buffer.
        if (buffer is { } used)
        {
            used.AsSpan(0, writer.Length).Clear();
            buffer = null;
            ArrayPool<byte>.Shared.Return(used);
        }
    }
}
