using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Tests.Ppp.Support;

/// <summary>One frame that crossed the in-memory link (or was dropped on it).</summary>
public sealed record FrameRecord(bool FromClient, byte[] Bytes, bool Dropped)
{
    public ushort Protocol => PppFrame.TryRead(Bytes, out var frame, out _) ? frame.Protocol : (ushort)0;

    public byte[] Information => PppFrame.TryRead(Bytes, out var frame, out _) ? frame.Information.ToArray() : [];

    /// <summary>The control packet code, or 0 for datagrams.</summary>
    public byte Code => Information.Length > 0 && Protocol >= 0x8000 ? Information[0] : (byte)0;

    public bool Is(PppProtocol protocol, byte code) => Protocol == (ushort)protocol && Code == code;

    public override string ToString() => $"{(FromClient ? "C->S" : "S->C")} {(Dropped ? "DROPPED " : string.Empty)}{Convert.ToHexString(Bytes)}";
}
