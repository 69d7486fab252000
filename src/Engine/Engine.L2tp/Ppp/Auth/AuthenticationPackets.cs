using System;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>A reusable packet buffer for one authentication exchange, and the way out.</summary>
internal sealed class AuthenticationPackets
{
    private readonly PppContext context;
    private readonly ushort protocol;
    private readonly byte[] buffer = new byte[1024];

    public AuthenticationPackets(PppContext context, ushort protocol)
    {
        this.context = context;
        this.protocol = protocol;
    }

    public PppPacketWriter Writer() => new(buffer);

    public void Send(in PppPacketWriter writer)
    {
        if (!writer.Overflowed)
        {
            context.SendControl(protocol, writer.Written);
        }

        // A PAP request holds the password: leave nothing of it behind in the buffer.
        buffer.AsSpan(0, writer.Length).Clear();
    }
}
