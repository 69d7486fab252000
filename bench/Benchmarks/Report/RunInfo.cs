namespace IpSecPolicy.Benchmarks.Report;

/// <summary>What bench/run-micro.sh observed around the run: when, and how busy the machine was.</summary>
public sealed record RunInfo(string Started, string Finished, string LoadAverageStart, string LoadAverageEnd, string Command);
