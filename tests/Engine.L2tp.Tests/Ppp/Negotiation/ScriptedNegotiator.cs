using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Tests.Ppp.Negotiation;

/// <summary>
/// A negotiator whose request is one option (type 1, a counter that changes on every Nak) and
/// whose verdict on the peer's options is set by the test: option types listed in NakTypes are
/// naked (suggesting 0x55), in RejectTypes rejected.
/// </summary>
internal sealed class ScriptedNegotiator : IOptionNegotiator
{
    public byte RequestValue { get; private set; } = 1;

    public HashSet<byte> NakTypes { get; } = [];

    public HashSet<byte> RejectTypes { get; } = [];

    /// <summary>When set, every review also hints at this option type (as if the peer should have sent it).</summary>
    public byte? HintType { get; set; }

    public int Resets { get; private set; }

    public int Accepted { get; private set; }

    public int Acknowledged { get; private set; }

    public int NaksApplied { get; private set; }

    public int RejectsApplied { get; private set; }

    public NegotiationOutcome NextOutcome { get; set; } = NegotiationOutcome.Continue;

    public void ResetNegotiation()
    {
        Resets++;
        RequestValue = 1;
    }

    public void WriteRequest(ref PppPacketWriter writer) => writer.WriteOption(1, [RequestValue]);

    public void ReviewRequest(ReadOnlySpan<byte> options, ConfigureReview review)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (RejectTypes.Contains(option.Type))
            {
                review.Reject(option);
            }
            else if (NakTypes.Contains(option.Type))
            {
                review.Nak(option, [0x55]);
            }
        }

        if (HintType is { } hint)
        {
            review.Suggest(hint, [0x66]);
        }
    }

    public void AcceptPeerRequest(ReadOnlySpan<byte> options) => Accepted++;

    public void RequestAcknowledged() => Acknowledged++;

    public NegotiationOutcome ApplyNak(ReadOnlySpan<byte> options)
    {
        NaksApplied++;
        RequestValue++;
        return NextOutcome;
    }

    public NegotiationOutcome ApplyReject(ReadOnlySpan<byte> options)
    {
        RejectsApplied++;
        RequestValue++;
        return NextOutcome;
    }

    public static NegotiationOutcome Failure => NegotiationOutcome.Fail(PppCloseReason.NegotiationFailed, "scripted failure");
}
