using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;
using Engine.L2tp.Tests.Ppp.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.L2tp.Tests.Ppp.Negotiation;

/// <summary>
/// One automaton on a fake clock with a scripted negotiator: what it sends, which layer actions it
/// takes, and packets built by hand to feed it.
/// </summary>
internal sealed class AutomatonHarness : ILayerEvents, IDisposable
{
    public const ushort Protocol = 0x8021;

    public AutomatonHarness(NegotiationSettings? settings = null)
    {
        Time = Scenario.NewClock();
        Context = new PppContext(Time, Scenario.SeededRandom(7));
        Context.SendControl = (protocol, packet) => Sent.Add(packet.ToArray());
        Negotiator = new ScriptedNegotiator();
        Automaton = new NegotiationAutomaton(Context, Protocol, "TEST", Negotiator, this, settings ?? NegotiationSettings.Default);
    }

    public FakeTimeProvider Time { get; }

    public PppContext Context { get; }

    public ScriptedNegotiator Negotiator { get; }

    public NegotiationAutomaton Automaton { get; }

    public List<byte[]> Sent { get; } = [];

    public List<string> Actions { get; } = [];

    public AutomatonState State => Automaton.State;

    public byte[] LastSent => Sent[^1];

    /// <summary>Runs an event the way the session does: under the lock.</summary>
    public void Do(Action<NegotiationAutomaton> action) => Context.Run(() => action(Automaton));

    public void Receive(byte[] packet) => Do(automaton => automaton.Receive(packet));

    /// <summary>
    /// Moves the clock in 100 ms steps: FakeTimeProvider sets the end time before it fires
    /// callbacks, so a timer re-armed by a callback would otherwise not fire within one big step.
    /// </summary>
    public void Advance(TimeSpan time)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var left = time; left > TimeSpan.Zero; left -= step)
        {
            Time.Advance(left < step ? left : step);
        }
    }

    /// <summary>Up then Open: the automaton sits in Req-Sent with one Configure-Request out and no layer action taken.</summary>
    public byte[] StartNegotiating()
    {
        Do(automaton =>
        {
            automaton.Up();
            automaton.Open();
        });
        return LastSent;
    }

    /// <summary>Brings the automaton to Opened the usual way: our request acknowledged, theirs acknowledged.</summary>
    public void OpenFully()
    {
        var request = StartNegotiating();
        Receive(AckOf(request));
        Receive(Packet(PppControlCode.ConfigureRequest, 0x40, Option(1, 0xAA)));
    }

    public static byte[] Packet(PppControlCode code, byte identifier, params byte[] data) => Packet((byte)code, identifier, data);

    public static byte[] Packet(byte code, byte identifier, params byte[] data)
    {
        var packet = new byte[4 + data.Length];
        packet[0] = code;
        packet[1] = identifier;
        packet[2] = (byte)(packet.Length >> 8);
        packet[3] = (byte)packet.Length;
        data.CopyTo(packet, 4);
        return packet;
    }

    public static byte[] Option(byte type, params byte[] value) => [type, (byte)(value.Length + 2), .. value];

    public static byte[] AckOf(byte[] request)
    {
        var ack = request.ToArray();
        ack[0] = (byte)PppControlCode.ConfigureAck;
        return ack;
    }

    public static PppControlCode CodeOf(byte[] packet) => (PppControlCode)packet[0];

    public static byte IdentifierOf(byte[] packet) => packet[1];

    public static byte[] DataOf(byte[] packet) => packet[4..];

    public int CountSent(PppControlCode code) => Sent.Count(packet => CodeOf(packet) == code);

    public void ThisLayerUp(NegotiationAutomaton layer) => Actions.Add("tlu");

    public void ThisLayerDown(NegotiationAutomaton layer) => Actions.Add("tld");

    public void ThisLayerStarted(NegotiationAutomaton layer) => Actions.Add("tls");

    public void ThisLayerFinished(NegotiationAutomaton layer, LayerFinishCause cause) => Actions.Add($"tlf:{cause}");

    public void Dispose() => Automaton.Dispose();
}
