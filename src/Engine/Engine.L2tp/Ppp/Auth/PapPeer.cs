using System;
using System.Security.Cryptography;
using System.Text;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// PAP at the client (RFC 1334 section 2.1): send Authenticate-Request, repeating it every restart
/// interval (same identifier) until Ack or Nak, at most Max-Configure times.
/// </summary>
internal sealed class PapPeer : IAuthenticationExchange
{
    private readonly PppContext context;
    private readonly string userName;
    private readonly PppPassword password;
    private readonly NegotiationSettings negotiation;
    private readonly IAuthenticationObserver observer;
    private readonly AuthenticationPackets packets;
    private readonly PppTimer timer;
    private ExchangeState state;
    private byte identifier;
    private int transmissionsLeft;

    public PapPeer(PppContext context, string userName, PppPassword password, NegotiationSettings negotiation, IAuthenticationObserver observer)
    {
        this.context = context;
        this.userName = userName;
        this.password = password;
        this.negotiation = negotiation;
        this.observer = observer;
        packets = new AuthenticationPackets(context, (ushort)PppProtocol.Pap);
        timer = context.CreateTimer(static owner => ((PapPeer)owner).OnTimeout(), this);
    }

    public PppAuthenticationProtocol Protocol => PppAuthenticationProtocol.Pap;

    public ushort PppProtocolNumber => (ushort)PppProtocol.Pap;

    public void Start()
    {
        Span<byte> random = stackalloc byte[1];
        context.FillRandom(random);
        identifier = random[0];
        transmissionsLeft = negotiation.MaxConfigure;
        state = ExchangeState.Waiting;
        SendRequest();
    }

    public void Receive(ReadOnlySpan<byte> bytes)
    {
        if (state != ExchangeState.Waiting || !PppControlPacket.TryRead(bytes, out var packet, out _) || packet.Identifier != identifier)
        {
            return;
        }

        switch ((PapCode)packet.Code)
        {
            case PapCode.AuthenticateAck:
                state = ExchangeState.Succeeded;
                timer.Stop();
                observer.AuthenticationSucceeded(userName, Protocol);
                break;
            case PapCode.AuthenticateNak:
                state = ExchangeState.Failed;
                timer.Stop();
                observer.AuthenticationFailed(userName, Protocol, AuthenticationFailureReason.RejectedByServer, final: true);
                break;
        }
    }

    public void Stop()
    {
        timer.Stop();
        if (state == ExchangeState.Waiting)
        {
            state = ExchangeState.Stopped;
        }
    }

    public void Dispose() => timer.Dispose();

    private void SendRequest()
    {
        var secret = password.ToUtf8();
        try
        {
            var writer = packets.Writer();
            if (PapRequest.Write(ref writer, identifier, Encoding.UTF8.GetBytes(userName), secret))
            {
                packets.Send(writer);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        transmissionsLeft--;
        timer.Start(negotiation.RestartInterval);
    }

    private void OnTimeout()
    {
        if (state != ExchangeState.Waiting)
        {
            return;
        }

        if (transmissionsLeft > 0)
        {
            SendRequest();
            return;
        }

        state = ExchangeState.Failed;
        observer.AuthenticationFailed(userName, Protocol, AuthenticationFailureReason.Timeout, final: true);
    }
}
