using System.Text;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Tests.Ppp.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.L2tp.Tests.Ppp.Auth;

/// <summary>One authentication exchange on a fake clock: the packets it sends and the outcomes it reports.</summary>
internal sealed class AuthHarness : IAuthenticationObserver
{
    public AuthHarness(int seed = 11)
    {
        Time = Scenario.NewClock();
        Context = new PppContext(Time, Scenario.SeededRandom(seed));
        Context.SendControl = (protocol, packet) => Sent.Add((protocol, packet.ToArray()));
    }

    public FakeTimeProvider Time { get; }

    public PppContext Context { get; }

    public List<(ushort Protocol, byte[] Packet)> Sent { get; } = [];

    public List<string> Successes { get; } = [];

    public List<(string? User, AuthenticationFailureReason Reason, bool Final)> Failures { get; } = [];

    public byte[] Last => Sent[^1].Packet;

    public static PppUserLookup Users => Scenario.Users(("alice", "secret"), ("bob", "hunter2"));

    public void Run(IAuthenticationExchange exchange, Action<IAuthenticationExchange> action) => Context.Run(() => action(exchange));

    public void Receive(IAuthenticationExchange exchange, byte[] packet) => Context.Run(() => exchange.Receive(packet));

    public void Advance(TimeSpan time)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var left = time; left > TimeSpan.Zero; left -= step)
        {
            Time.Advance(left < step ? left : step);
        }
    }

    public void AuthenticationSucceeded(string userName, PppAuthenticationProtocol protocol) => Successes.Add(userName);

    public void AuthenticationFailed(string? userName, PppAuthenticationProtocol protocol, AuthenticationFailureReason reason, bool final) =>
        Failures.Add((userName, reason, final));

    public static byte[] ChapPacket(ChapCode code, byte identifier, byte[] value, string name)
    {
        var buffer = new byte[512];
        var writer = new PppPacketWriter(buffer);
        ChapValue.Write(ref writer, code, identifier, value, Encoding.UTF8.GetBytes(name));
        return writer.Written.ToArray();
    }

    public static byte[] ChapStatus(ChapCode code, byte identifier, string message)
    {
        var buffer = new byte[512];
        var writer = new PppPacketWriter(buffer);
        ChapValue.WriteStatus(ref writer, code, identifier, Encoding.ASCII.GetBytes(message));
        return writer.Written.ToArray();
    }

    public static byte[] PapRequestPacket(byte identifier, string user, string password)
    {
        var buffer = new byte[512];
        var writer = new PppPacketWriter(buffer);
        PapRequest.Write(ref writer, identifier, Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(password));
        return writer.Written.ToArray();
    }

    /// <summary>The (identifier, value, name) of a CHAP Challenge or Response we sent.</summary>
    public static (byte Identifier, byte[] Value, string Name) ReadChap(byte[] packet)
    {
        Assert.True(PppControlPacket.TryRead(packet, out var control, out _));
        Assert.True(ChapValue.TryRead(control.Data, out var value, out _));
        return (control.Identifier, value.Value.ToArray(), Encoding.UTF8.GetString(value.Name));
    }

    public static string MessageOf(byte[] packet) => Encoding.ASCII.GetString(packet.AsSpan(4));
}
