using System;
using System.Globalization;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using Interop.Labs;
using Interop.Peers;
using Interop.Support;

namespace Interop.Vpn;

/// <summary>
/// Two namespaces on one link (prefix "vpi"), each running our engine: ours at 10.83.0.1 (the VPN
/// gateway or the VPN client, the role under test) and the peer's host at 10.83.0.2, where a
/// third-party L2TP program runs behind our engine as a plain IPsec policy (<see cref="L2tpSecurityPolicy"/>),
/// the way kernel IPsec sat under xl2tpd. tcpdump captures everything on our side of the link from
/// the start. Disposing removes everything (peers, capture, engines, namespaces).
/// </summary>
internal sealed class VpnInteropLab : IDisposable
{
    public const string OurAddress = "10.83.0.1";
    public const string PeerAddress = "10.83.0.2";

    /// <summary>The IPsec pre-shared key on both sides.</summary>
    public const string PreSharedKey = "vpi interop pre-shared key";

    public VpnInteropLab(string ourRole, string peerRole)
    {
        PeerPrograms.RequireTools();
        Lab = new Lab("vpi");
        try
        {
            Ours = Lab.AddHost(ourRole);
            PeerHost = Lab.AddHost(peerRole);
            Lab.Link(Ours, OurAddress + "/24", PeerHost, PeerAddress + "/24");
            Capture = Lab.Own(PacketCapture.Start(Ours, Ours.Interface));
        }
        catch
        {
            Lab.Dispose();
            throw;
        }
    }

    public Lab Lab { get; }

    public LabHost Ours { get; }

    public LabHost PeerHost { get; }

    public PacketCapture Capture { get; }

    /// <summary>A PowerShell expression for <paramref name="text"/> as a SecureString (the hosted runspace has no ConvertTo-SecureString).</summary>
    public static string SecureString(string text) => $"([System.Net.NetworkCredential]::new('', '{text.Replace("'", "''", StringComparison.Ordinal)}').SecurePassword)";

    /// <summary>Our VPN client's connection as the engine reports it (Get-VpnConnection's source).</summary>
    public static VpnConnectionStatus Connection(LabHost host) =>
        new ControlClient(host.SocketPath).Call<VpnConnectionStatus>(ControlCommands.GetVpnConnection) ?? new VpnConnectionStatus();

    /// <summary>The gateway's sessions (Get-VpnSession's source).</summary>
    public static VpnSession[] Sessions(LabHost gateway) =>
        new ControlClient(gateway.SocketPath).Call<VpnSession[]>(ControlCommands.GetVpnSession) ?? [];

    /// <summary>Both engines' logs, for assertion messages.</summary>
    public string EngineLogs() =>
        $"----- engine in {Ours.Role}:\n{Ours.EngineLog}\n----- engine in {PeerHost.Role}:\n{PeerHost.EngineLog}";

    /// <summary>Waits until the connection in <paramref name="host"/> is in <paramref name="state"/>; fails with <paramref name="diagnostics"/> otherwise.</summary>
    public static VpnConnectionStatus WaitForConnection(LabHost host, string state, TimeSpan within, Func<string> diagnostics)
    {
        VpnConnectionStatus status = new();
        var reached = Wait.Until(() => (status = Connection(host)).State == state, within, TimeSpan.FromMilliseconds(100));
        Assert.True(reached, string.Create(CultureInfo.InvariantCulture,
            $"the connection in {host.Name} is {status.State} ({status.LastError}), not {state}, after {within.TotalSeconds} s\n{diagnostics()}"));
        return status;
    }

    /// <summary>
    /// The time between the first engine log line of <paramref name="host"/> containing
    /// <paramref name="first"/> and the first after it containing <paramref name="then"/> (the
    /// console log's lines start with an ISO 8601 timestamp).
    /// </summary>
    public static TimeSpan Between(LabHost host, string first, string then)
    {
        var lines = host.EngineLog.Split('\n');
        var start = Array.FindIndex(lines, line => line.Contains(first, StringComparison.Ordinal));
        var end = start < 0 ? -1 : Array.FindIndex(lines, start, line => line.Contains(then, StringComparison.Ordinal));
        Assert.True(end >= 0, $"no \"{first}\" followed by \"{then}\" in the engine log of {host.Name}:\n{host.EngineLog}");
        static DateTimeOffset At(string line) => DateTimeOffset.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        return At(lines[end]) - At(lines[start]);
    }

    public void Dispose() => Lab.Dispose();
}
