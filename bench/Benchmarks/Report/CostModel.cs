using System;
using System.Collections.Generic;
using System.Linq;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// time = fixed + size × per-byte, least squares over the measured sizes: separates what a packet
/// costs whatever its size (calls, context setup, framing) from what each byte costs (the cipher
/// and MAC proper). Two numbers that say more than four rows about small-packet rates.
/// </summary>
public sealed record CostModel(double FixedNs, double NsPerByte)
{
    /// <summary>The per-byte part as a rate.</summary>
    public double GigabitsPerSecond => NsPerByte <= 0 ? double.PositiveInfinity : 8 / NsPerByte;

    public static CostModel? Fit(IEnumerable<(int Size, double Ns)> points)
    {
        var list = points.ToList();
        if (list.Count < 2)
        {
            return null;
        }

        var meanX = list.Average(p => (double)p.Size);
        var meanY = list.Average(p => p.Ns);
        var sxx = list.Sum(p => Math.Pow(p.Size - meanX, 2));
        var sxy = list.Sum(p => (p.Size - meanX) * (p.Ns - meanY));
        var slope = sxy / sxx;
        return new CostModel(meanY - slope * meanX, slope);
    }

    /// <summary>The size above which <paramref name="other"/> is cheaper than this, or null when it never or always is.</summary>
    public double? CrossoverWith(CostModel other)
    {
        var slopeDifference = other.NsPerByte - NsPerByte;
        if (slopeDifference == 0)
        {
            return null;
        }

        var size = (FixedNs - other.FixedNs) / slopeDifference;
        return size > 0 ? size : null;
    }
}
