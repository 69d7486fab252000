using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Messages;

/// <summary>Start-Control-Connection-Connected (RFC 2661 section 6.3). Optional: Challenge Response.</summary>
public sealed class Scccn : ControlMessage
{
    public override ControlMessageType Type => ControlMessageType.Scccn;

    public byte[]? ChallengeResponse { get; init; }

    internal static Scccn Read(ControlAttributes a) => new() { ChallengeResponse = a.ChallengeResponse };

    protected override void Fill(ControlAttributes a) => a.ChallengeResponse = ChallengeResponse;
}
