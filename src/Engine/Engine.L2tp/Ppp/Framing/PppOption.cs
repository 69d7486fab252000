using System;
using System.Buffers.Binary;

namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// One configuration option (RFC 1661 section 6): Type, Length (including these two bytes) and
/// the value.
/// </summary>
public readonly ref struct PppOption
{
    public PppOption(ReadOnlySpan<byte> raw)
    {
        Raw = raw;
    }

    public byte Type => Raw[0];

    public ReadOnlySpan<byte> Value => Raw[2..];

    /// <summary>The option exactly as received (what a Configure-Reject must echo unmodified).</summary>
    public ReadOnlySpan<byte> Raw { get; }

    public bool HasValueLength(int length) => Raw.Length == 2 + length;

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Value);

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Value);
}
