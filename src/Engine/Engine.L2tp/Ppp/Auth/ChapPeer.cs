using System;
using System.Text;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// CHAP at the client, MD5 or MS-CHAPv2: answer each Challenge, then wait for Success or Failure.
/// A repeated Challenge (same identifier and value) gets the same Response, so an MS-CHAPv2
/// authenticator response computed for the first one still verifies. Without a verdict the
/// Response is repeated every restart interval (Max-Configure times): the authenticator answers a
/// repeated Response with the verdict it already gave, so a lost Success does not strand the link. MS-CHAPv2 Success must carry
/// the authenticator response we expect (RFC 2759 section 5: otherwise "the peer MUST end the
/// session"). The client has one password and does not retry after Failure.
/// </summary>
internal sealed class ChapPeer : IAuthenticationExchange
{
    private readonly PppContext context;
    private readonly string userName;
    private readonly PppPassword password;
    private readonly TimeSpan timeout;
    private readonly NegotiationSettings negotiation;
    private readonly IAuthenticationObserver observer;
    private readonly AuthenticationPackets packets;
    private readonly PppTimer timer;
    private ExchangeState state;
    private byte[]? lastChallenge;
    private byte lastIdentifier;
    private byte[]? lastResponseValue;
    private string? expectedAuthenticator;
    private int transmissionsLeft;

    public ChapPeer(
        PppContext context,
        PppAuthenticationProtocol protocol,
        string userName,
        PppPassword password,
        TimeSpan timeout,
        NegotiationSettings negotiation,
        IAuthenticationObserver observer)
    {
        this.context = context;
        Protocol = protocol;
        this.userName = userName;
        this.password = password;
        this.timeout = timeout;
        this.negotiation = negotiation;
        this.observer = observer;
        packets = new AuthenticationPackets(context, (ushort)PppProtocol.Chap);
        timer = context.CreateTimer(static owner => ((ChapPeer)owner).OnTimeout(), this);
    }

    public PppAuthenticationProtocol Protocol { get; }

    public ushort PppProtocolNumber => (ushort)PppProtocol.Chap;

    public void Start()
    {
        state = ExchangeState.Waiting;
        timer.Start(timeout);
    }

    public void Receive(ReadOnlySpan<byte> bytes)
    {
        if (!PppControlPacket.TryRead(bytes, out var packet, out _))
        {
            return;
        }

        switch ((ChapCode)packet.Code)
        {
            case ChapCode.Challenge:
                ReceiveChallenge(packet);
                break;
            case ChapCode.Success when state == ExchangeState.Waiting && lastResponseValue is not null && packet.Identifier == lastIdentifier:
                ReceiveSuccess(packet.Data);
                break;
            case ChapCode.Failure when state == ExchangeState.Waiting && lastResponseValue is not null && packet.Identifier == lastIdentifier:
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

    private void ReceiveChallenge(PppControlPacket packet)
    {
        if (state is ExchangeState.Failed or ExchangeState.Stopped || !ChapValue.TryRead(packet.Data, out var challenge, out _))
        {
            return;
        }

        var repeated = lastResponseValue is not null && packet.Identifier == lastIdentifier && challenge.Value.SequenceEqual(lastChallenge);
        if (!repeated)
        {
            lastIdentifier = packet.Identifier;
            lastChallenge = challenge.Value.ToArray();
            lastResponseValue = ComputeResponse(packet.Identifier, challenge.Value);
        }

        // A new challenge after Success is a periodic re-challenge (RFC 1994 section 2): answer it
        // and wait for its result again.
        state = ExchangeState.Waiting;
        transmissionsLeft = negotiation.MaxConfigure;
        SendResponse();
    }

    private void SendResponse()
    {
        var writer = packets.Writer();
        ChapValue.Write(ref writer, ChapCode.Response, lastIdentifier, lastResponseValue, Encoding.UTF8.GetBytes(userName));
        packets.Send(writer);
        transmissionsLeft--;
        timer.Start(negotiation.RestartInterval);
    }

    private byte[] ComputeResponse(byte identifier, ReadOnlySpan<byte> challenge)
    {
        if (Protocol == PppAuthenticationProtocol.Chap)
        {
            expectedAuthenticator = null;
            return ChapMd5.ComputeResponse(identifier, password, challenge);
        }

        Span<byte> peerChallenge = stackalloc byte[MsChapV2.ChallengeSize];
        context.FillRandom(peerChallenge);
        var ntResponse = MsChapV2.GenerateNtResponse(challenge, peerChallenge, userName, password);
        expectedAuthenticator = MsChapV2.GenerateAuthenticatorResponse(password, ntResponse, peerChallenge, challenge, userName);
        return MsChapV2ResponseValue.Build(peerChallenge, ntResponse);
    }

    private void ReceiveSuccess(ReadOnlySpan<byte> message)
    {
        timer.Stop();
        if (expectedAuthenticator is not null && !MsChapV2.CheckAuthenticatorResponse(expectedAuthenticator, Encoding.ASCII.GetString(message)))
        {
            state = ExchangeState.Failed;
            observer.AuthenticationFailed(userName, Protocol, AuthenticationFailureReason.ServerNotAuthenticated, final: true);
            return;
        }

        state = ExchangeState.Succeeded;
        observer.AuthenticationSucceeded(userName, Protocol);
    }

    private void OnTimeout()
    {
        if (state != ExchangeState.Waiting)
        {
            return;
        }

        if (lastResponseValue is not null && transmissionsLeft > 0)
        {
            SendResponse();
            return;
        }

        state = ExchangeState.Failed;
        observer.AuthenticationFailed(userName, Protocol, AuthenticationFailureReason.Timeout, final: true);
    }
}
