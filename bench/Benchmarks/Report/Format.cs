using System;
using System.Globalization;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>Number formatting for the document: invariant culture, three significant digits.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(double nanoseconds) => nanoseconds switch
    {
        double.NaN => "n/a",
        < 1_000 => Number(nanoseconds) + " ns",
        < 1_000_000 => Number(nanoseconds / 1_000) + " µs",
        < 1_000_000_000 => Number(nanoseconds / 1_000_000) + " ms",
        _ => Number(nanoseconds / 1_000_000_000) + " s",
    };

    /// <summary>Time ± noise (BenchmarkDotNet's half 99.9% confidence interval, relative to the time).</summary>
    public static string Time(BenchmarkResult? result) =>
        result is null ? "missing" : $"{Time(result.TimeNs)} ± {Percent(result.ErrorNs / result.TimeNs)}";

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        < 1024 => bytes.Value.ToString(Invariant) + " B",
        < 1024 * 1024 => Number(bytes.Value / 1024.0) + " KB",
        _ => Number(bytes.Value / 1024.0 / 1024.0) + " MB",
    };

    public static string Allocated(BenchmarkResult? result) => result is null ? "missing" : Bytes(result.AllocatedBytes);

    /// <summary>Payload bits per second from bytes per operation and nanoseconds per operation.</summary>
    public static string Gbps(int bytes, BenchmarkResult? result) =>
        result is null ? "missing" : Number(bytes * 8.0 / result.TimeNs) + " Gbit/s";

    public static string PerSecond(double nanoseconds)
    {
        var rate = 1e9 / nanoseconds;
        return rate switch
        {
            >= 1e6 => Number(rate / 1e6) + " M/s",
            >= 1e3 => Number(rate / 1e3) + " k/s",
            _ => Number(rate) + " /s",
        };
    }

    public static string Ratio(double ratio) => double.IsNaN(ratio) ? "n/a" : Number(ratio) + "×";

    public static string Percent(double fraction) => double.IsNaN(fraction) ? "n/a" : (fraction * 100).ToString(fraction < 0.1 ? "0.0" : "0", Invariant) + "%";

    public static string Integer(long value) => value.ToString("N0", Invariant);

    /// <summary>Three significant digits, no exponent.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "n/a";
        }

        var magnitude = Math.Abs(value);
        var decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return value.ToString("F" + decimals.ToString(Invariant), Invariant);
    }
}
