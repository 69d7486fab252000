using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Tests.Ppp.Support;

/// <summary>Drives one negotiator directly: what it requests and how it judges option lists (all hex).</summary>
internal static class NegotiatorProbe
{
    public static PppContext Context(int seed = 5) => new(Scenario.NewClock(), Scenario.SeededRandom(seed));

    public static string Request(IOptionNegotiator negotiator)
    {
        var buffer = new byte[256];
        var writer = new PppPacketWriter(buffer);
        negotiator.WriteRequest(ref writer);
        return Hex.Of(writer.Written);
    }

    /// <summary>Returns the Configure-Reject options, or else the Configure-Nak options, or "" for an Ack.</summary>
    public static (string Rejects, string Naks) Review(IOptionNegotiator negotiator, string options)
    {
        var review = new ConfigureReview();
        negotiator.ReviewRequest(Hex.Bytes(options), review);
        return (Hex.Of(review.Rejects), Hex.Of(review.Naks));
    }
}
