using System;
using System.Net;
using System.Net.Sockets;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// An address as a 128-bit number (IPv4 in the low 32 bits), so that masking, comparing and hashing
/// cost no allocation whatever the family. Internal: the compiler's index works on these; the public
/// surface speaks <see cref="IPAddress"/>.
/// </summary>
internal readonly struct Ip128 : IEquatable<Ip128>, IComparable<Ip128>
{
    public Ip128(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    public ulong High { get; }

    public ulong Low { get; }

    public static Ip128 From(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return new Ip128(0, (ulong)bytes[0] << 24 | (ulong)bytes[1] << 16 | (ulong)bytes[2] << 8 | bytes[3]);
        }

        ulong high = 0, low = 0;
        for (var i = 0; i < 8; i++)
        {
            high = high << 8 | bytes[i];
            low = low << 8 | bytes[i + 8];
        }

        return new Ip128(high, low);
    }

    public IPAddress ToAddress(AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var v = (uint)Low;
            return new IPAddress(new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v });
        }

        var bytes = new byte[16];
        for (var i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(High >> (56 - 8 * i));
            bytes[i + 8] = (byte)(Low >> (56 - 8 * i));
        }

        return new IPAddress(bytes);
    }

    public static int Bits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    /// <summary>Keeps the first <paramref name="prefixLength"/> of the family's bits, clears the rest.</summary>
    public Ip128 Mask(int prefixLength, AddressFamily family)
    {
        var total = Bits(family);
        var clear = total - prefixLength;
        return And(HostMask(clear), invert: true);
    }

    /// <summary>Sets the host bits: the last address of the prefix.</summary>
    public Ip128 Fill(int prefixLength, AddressFamily family)
    {
        var clear = Bits(family) - prefixLength;
        var host = HostMask(clear);
        return new Ip128(High | host.High, Low | host.Low);
    }

    public int CompareTo(Ip128 other)
    {
        var c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public bool Equals(Ip128 other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is Ip128 other && Equals(other);

    public override int GetHashCode() => (High * 31 ^ Low).GetHashCode();

    public static bool operator <=(Ip128 a, Ip128 b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Ip128 a, Ip128 b) => a.CompareTo(b) >= 0;

    /// <summary>b - a, saturated to the low 64 bits when larger (only used to size a range).</summary>
    public static double Distance(Ip128 a, Ip128 b)
    {
        var low = b.Low - a.Low;
        var borrow = b.Low < a.Low ? 1UL : 0UL;
        var high = b.High - a.High - borrow;
        return high * 18446744073709551616.0 + low;
    }

    private static Ip128 HostMask(int clear)
    {
        if (clear <= 0)
        {
            return new Ip128(0, 0);
        }

        if (clear >= 128)
        {
            return new Ip128(ulong.MaxValue, ulong.MaxValue);
        }

        if (clear >= 64)
        {
            var highBits = clear - 64;
            return new Ip128(highBits == 0 ? 0 : ulong.MaxValue >> (64 - highBits), ulong.MaxValue);
        }

        return new Ip128(0, ulong.MaxValue >> (64 - clear));
    }

    private Ip128 And(Ip128 hostMask, bool invert) =>
        invert ? new Ip128(High & ~hostMask.High, Low & ~hostMask.Low) : new Ip128(High & hostMask.High, Low & hostMask.Low);
}
