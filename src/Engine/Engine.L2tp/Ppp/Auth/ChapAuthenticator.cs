using System;
using System.Security.Cryptography;
using System.Text;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// CHAP at the gateway, with MD5 (RFC 1994) or MS-CHAPv2 (RFC 2759): send a random 16-byte
/// Challenge (repeated every restart interval, at most Max-Configure times), check the Response
/// against the user lookup, answer Success or Failure. A Response repeating the identifier already
/// answered gets the same answer again (RFC 1994 section 4.2: our answer was lost).
/// <para>
/// Failure with attempts left: MS-CHAPv2 says "E=691 R=1 C=&lt;new challenge&gt; V=3" and waits for a
/// Response to that challenge, with the Failure's identifier plus one (RFC 2433's retry rule, which
/// MS-CHAPv2 clients keep; the Failure's own identifier is accepted too); CHAP-MD5 sends a new
/// Challenge. The last failure says R=0 and the session terminates LCP.
/// </para>
/// </summary>
internal sealed class ChapAuthenticator : IAuthenticationExchange
{
    private static readonly byte[] Md5Success = Encoding.ASCII.GetBytes("Access granted");
    private static readonly byte[] Md5Failure = Encoding.ASCII.GetBytes("Authentication failed");
    private const string FailureText = "Authentication failed";

    private readonly PppContext context;
    private readonly AuthenticatorSettings settings;
    private readonly NegotiationSettings negotiation;
    private readonly PppUserLookup lookup;
    private readonly IAuthenticationObserver observer;
    private readonly AuthenticationPackets packets;
    // Exists only while it runs (a challenge or a retry is outstanding), not for the link's life.
    private PppTimer? timer;
    private readonly byte[] challenge = new byte[MsChapV2.ChallengeSize];
    private readonly byte[] name;
    private ExchangeState state;
    private byte identifier;
    private byte retryIdentifier;
    private int transmissionsLeft;
    private int attempts;
    private byte[]? lastStatus;
    private byte lastStatusIdentifier;
    private byte[]? lastResponse;

    public ChapAuthenticator(
        PppContext context,
        PppAuthenticationProtocol protocol,
        AuthenticatorSettings settings,
        NegotiationSettings negotiation,
        PppUserLookup lookup,
        IAuthenticationObserver observer)
    {
        if (protocol == PppAuthenticationProtocol.Pap)
        {
            throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "CHAP runs MD5 or MS-CHAPv2.");
        }

        this.context = context;
        Protocol = protocol;
        this.settings = settings;
        this.negotiation = negotiation;
        this.lookup = lookup;
        this.observer = observer;
        name = Encoding.UTF8.GetBytes(settings.Name);
        packets = new AuthenticationPackets(context, (ushort)PppProtocol.Chap);
        Span<byte> random = stackalloc byte[1];
        context.FillRandom(random);
        identifier = random[0];
    }

    public PppAuthenticationProtocol Protocol { get; }

    public ushort PppProtocolNumber => (ushort)PppProtocol.Chap;

    public void Start()
    {
        attempts = 0;
        SendNewChallenge();
    }

    public void Receive(ReadOnlySpan<byte> bytes)
    {
        if (!PppControlPacket.TryRead(bytes, out var packet, out _) || packet.Code != (byte)ChapCode.Response)
        {
            return;
        }

        if (state is ExchangeState.Succeeded or ExchangeState.Failed)
        {
            if (lastStatus is not null && packet.Identifier == lastStatusIdentifier)
            {
                SendStatus(lastStatus[0], lastStatusIdentifier, lastStatus.AsSpan(1));
            }

            return;
        }

        var expected = state switch
        {
            ExchangeState.Waiting => packet.Identifier == identifier,
            ExchangeState.AwaitingRetry => packet.Identifier == retryIdentifier || packet.Identifier == identifier,
            _ => false,
        };
        if (!expected || !ChapValue.TryRead(packet.Data, out var response, out _))
        {
            return;
        }

        if (state == ExchangeState.AwaitingRetry && packet.Identifier == lastStatusIdentifier && response.Value.SequenceEqual(lastResponse))
        {
            // The refused response again, not a retry: our Failure was lost.
            SendStatus(lastStatus![0], lastStatusIdentifier, lastStatus.AsSpan(1));
            return;
        }

        lastResponse = response.Value.ToArray();

        var userName = Encoding.UTF8.GetString(response.Name);
        var (reason, successMessage) = Verify(packet.Identifier, userName, response.Value);
        if (reason is null)
        {
            state = ExchangeState.Succeeded;
            StopTimer();
            SendStatus((byte)ChapCode.Success, packet.Identifier, successMessage);
            observer.AuthenticationSucceeded(userName, Protocol);
            return;
        }

        var final = ++attempts >= settings.MaxAttempts;
        if (Protocol == PppAuthenticationProtocol.MsChapV2)
        {
            Span<byte> next = stackalloc byte[MsChapV2.ChallengeSize];
            context.FillRandom(next);
            var failure = new MsChapV2FailureMessage(MsChapV2FailureMessage.AuthenticationFailure, !final, next.ToArray(), 3, FailureText);
            SendStatus((byte)ChapCode.Failure, packet.Identifier, Encoding.ASCII.GetBytes(failure.Format()));
            if (!final)
            {
                next.CopyTo(challenge);
                identifier = packet.Identifier;
                retryIdentifier = (byte)(packet.Identifier + 1);
                state = ExchangeState.AwaitingRetry;
                StartTimer(settings.Timeout);
            }
        }
        else
        {
            SendStatus((byte)ChapCode.Failure, packet.Identifier, Md5Failure);
            if (!final)
            {
                SendNewChallenge();
            }
        }

        if (final)
        {
            state = ExchangeState.Failed;
            StopTimer();
        }

        observer.AuthenticationFailed(userName, Protocol, reason.Value, final);
    }

    public void Stop()
    {
        StopTimer();
        if (state is ExchangeState.Waiting or ExchangeState.AwaitingRetry)
        {
            state = ExchangeState.Stopped;
        }
    }

    public void Dispose() => timer?.Dispose();

    private void StartTimer(TimeSpan due) =>
        (timer ??= context.CreateTimer(static owner => ((ChapAuthenticator)owner).OnTimeout(), this)).Start(due);

    private void StopTimer()
    {
        timer?.Stop();
        timer = null;
    }

    private (AuthenticationFailureReason? Reason, byte[] SuccessMessage) Verify(byte responseIdentifier, string userName, ReadOnlySpan<byte> value)
    {
        var password = lookup(MsChapV2.StripDomain(userName));
        if (Protocol == PppAuthenticationProtocol.Chap)
        {
            if (value.Length != ChapMd5.ResponseSize)
            {
                return (AuthenticationFailureReason.MalformedResponse, []);
            }

            if (password is null)
            {
                return (AuthenticationFailureReason.UnknownUser, []);
            }

            var expected = ChapMd5.ComputeResponse(responseIdentifier, password, challenge);
            return CryptographicOperations.FixedTimeEquals(expected, value) ? (null, Md5Success) : (AuthenticationFailureReason.WrongPassword, []);
        }

        if (!MsChapV2ResponseValue.TryRead(value, out var response))
        {
            return (AuthenticationFailureReason.MalformedResponse, []);
        }

        if (password is null)
        {
            return (AuthenticationFailureReason.UnknownUser, []);
        }

        var ntResponse = MsChapV2.GenerateNtResponse(challenge, response.PeerChallenge, userName, password);
        if (!CryptographicOperations.FixedTimeEquals(ntResponse, response.NtResponse))
        {
            return (AuthenticationFailureReason.WrongPassword, []);
        }

        var authenticator = MsChapV2.GenerateAuthenticatorResponse(password, ntResponse, response.PeerChallenge, challenge, userName);
        return (null, Encoding.ASCII.GetBytes(authenticator + " M=Access granted"));
    }

    private void SendNewChallenge()
    {
        identifier++;
        context.FillRandom(challenge);
        transmissionsLeft = negotiation.MaxConfigure;
        state = ExchangeState.Waiting;
        SendChallenge();
    }

    private void SendChallenge()
    {
        var writer = packets.Writer();
        ChapValue.Write(ref writer, ChapCode.Challenge, identifier, challenge, name);
        packets.Send(writer);
        transmissionsLeft--;
        StartTimer(negotiation.RestartInterval);
    }

    private void SendStatus(byte code, byte statusIdentifier, ReadOnlySpan<byte> message)
    {
        var status = new byte[1 + message.Length];
        status[0] = code;
        message.CopyTo(status.AsSpan(1));
        lastStatus = status;
        lastStatusIdentifier = statusIdentifier;
        var writer = packets.Writer();
        ChapValue.WriteStatus(ref writer, (ChapCode)code, statusIdentifier, message);
        packets.Send(writer);
    }

    private void OnTimeout()
    {
        if (state == ExchangeState.Waiting && transmissionsLeft > 0)
        {
            SendChallenge();
            return;
        }

        if (state is ExchangeState.Waiting or ExchangeState.AwaitingRetry)
        {
            state = ExchangeState.Failed;
            observer.AuthenticationFailed(null, Protocol, AuthenticationFailureReason.Timeout, final: true);
        }
    }
}
