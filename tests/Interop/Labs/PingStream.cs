using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Interop.Support;

namespace Interop.Labs;

/// <summary>
/// A ping running at a steady rate until stopped (SIGINT, so ping prints its summary): how many
/// echo requests went out and how many were answered while something happened to the SAs.
/// </summary>
internal sealed class PingStream : IDisposable
{
    private readonly Process ping;
    private readonly StringBuilder output;

    public PingStream(Process ping, StringBuilder output)
    {
        this.ping = ping;
        this.output = output;
    }

    public int Transmitted { get; private set; }

    public int Received { get; private set; }

    public int Lost => Transmitted - Received;

    /// <summary>Replies seen so far (ping prints a line per reply).</summary>
    public int RepliesSoFar
    {
        get
        {
            lock (output)
            {
                return output.ToString().Split('\n').Count(line => line.Contains("icmp_seq=", StringComparison.Ordinal));
            }
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Stops the stream and reads ping's summary.</summary>
    public void Stop()
    {
        if (!ping.HasExited)
        {
            Command.Run("kill", new[] { "-INT", ping.Id.ToString(CultureInfo.InvariantCulture) });
            if (!Command.Exited(ping, TimeSpan.FromSeconds(10)))
            {
                ping.Kill();
            }
        }

        var summary = Output.Split('\n').FirstOrDefault(line => line.Contains("packets transmitted", StringComparison.Ordinal)) ?? string.Empty;
        var parts = summary.Split(',', StringSplitOptions.TrimEntries);
        Transmitted = parts.Length > 1 ? int.Parse(parts[0].Split(' ')[0], CultureInfo.InvariantCulture) : 0;
        Received = ReceivedIn(Output);
    }

    /// <summary>The "N received" of a ping summary.</summary>
    public static int ReceivedIn(string pingOutput)
    {
        var line = pingOutput.Split('\n').FirstOrDefault(l => l.Contains("received", StringComparison.Ordinal)) ?? string.Empty;
        var parts = line.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length > 1 ? int.Parse(parts[1].Split(' ')[0], CultureInfo.InvariantCulture) : 0;
    }

    public void Dispose()
    {
        Stop();
        ping.Dispose();
    }
}
