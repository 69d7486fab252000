namespace IpSecPolicy.Benchmarks.Report;

/// <summary>One frame of a <see cref="CpuProfile"/>: its share of the samples on top of the stack, and anywhere on it.</summary>
public sealed record ProfileFrame(string Name, double Exclusive, double Inclusive);
