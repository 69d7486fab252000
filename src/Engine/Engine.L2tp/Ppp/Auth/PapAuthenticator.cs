using System;
using System.Security.Cryptography;
using System.Text;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// PAP at the gateway (RFC 1334 section 2): wait for Authenticate-Request, check the password
/// against the user lookup, answer Ack or Nak. A repeated request with the identifier already
/// answered gets the same answer again (our reply was lost).
/// </summary>
internal sealed class PapAuthenticator : IAuthenticationExchange
{
    private static readonly byte[] AcceptedMessage = Encoding.ASCII.GetBytes("Access granted");
    private static readonly byte[] RejectedMessage = Encoding.ASCII.GetBytes("Authentication failed");

    private readonly AuthenticatorSettings settings;
    private readonly PppUserLookup lookup;
    private readonly IAuthenticationObserver observer;
    private readonly AuthenticationPackets packets;
    private readonly PppTimer timer;
    private ExchangeState state;
    private int attempts;
    private byte lastIdentifier;
    private PapCode? lastReply;

    public PapAuthenticator(PppContext context, AuthenticatorSettings settings, PppUserLookup lookup, IAuthenticationObserver observer)
    {
        this.settings = settings;
        this.lookup = lookup;
        this.observer = observer;
        packets = new AuthenticationPackets(context, (ushort)PppProtocol.Pap);
        timer = context.CreateTimer(static owner => ((PapAuthenticator)owner).OnTimeout(), this);
    }

    public PppAuthenticationProtocol Protocol => PppAuthenticationProtocol.Pap;

    public ushort PppProtocolNumber => (ushort)PppProtocol.Pap;

    public void Start()
    {
        state = ExchangeState.Waiting;
        timer.Start(settings.Timeout);
    }

    public void Receive(ReadOnlySpan<byte> bytes)
    {
        if (!PppControlPacket.TryRead(bytes, out var packet, out _) || packet.Code != (byte)PapCode.AuthenticateRequest)
        {
            return;
        }

        if (state is ExchangeState.Succeeded or ExchangeState.Failed)
        {
            if (lastReply is { } reply && packet.Identifier == lastIdentifier)
            {
                SendReply(reply, packet.Identifier);
            }

            return;
        }

        if (state != ExchangeState.Waiting || !PapRequest.TryRead(packet.Data, out var request, out _))
        {
            return;
        }

        var userName = Encoding.UTF8.GetString(request.PeerId);
        var reason = Verify(userName, request.Password);
        lastIdentifier = packet.Identifier;
        if (reason is null)
        {
            state = ExchangeState.Succeeded;
            timer.Stop();
            SendReply(PapCode.AuthenticateAck, packet.Identifier);
            observer.AuthenticationSucceeded(userName, Protocol);
            return;
        }

        var final = ++attempts >= settings.MaxAttempts;
        SendReply(PapCode.AuthenticateNak, packet.Identifier);
        if (final)
        {
            state = ExchangeState.Failed;
            timer.Stop();
        }
        else
        {
            timer.Start(settings.Timeout);
        }

        observer.AuthenticationFailed(userName, Protocol, reason.Value, final);
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

    private AuthenticationFailureReason? Verify(string userName, ReadOnlySpan<byte> offered)
    {
        var password = lookup(MsChapV2.StripDomain(userName));
        if (password is null)
        {
            return AuthenticationFailureReason.UnknownUser;
        }

        var expected = password.ToUtf8();
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, offered) ? null : AuthenticationFailureReason.WrongPassword;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expected);
        }
    }

    private void SendReply(PapCode code, byte identifier)
    {
        lastReply = code;
        var writer = packets.Writer();
        PapRequest.WriteReply(ref writer, code, identifier, code == PapCode.AuthenticateAck ? AcceptedMessage : RejectedMessage);
        packets.Send(writer);
    }

    private void OnTimeout()
    {
        if (state != ExchangeState.Waiting)
        {
            return;
        }

        state = ExchangeState.Failed;
        observer.AuthenticationFailed(null, Protocol, AuthenticationFailureReason.Timeout, final: true);
    }
}
