using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace IpSecPolicy.Shell.Demo;

/// <summary>
/// The L2TP/IPsec gateway demo: three network namespaces, a remote client on the "Internet" side
/// of a gateway and a host on the gateway's LAN. The gateway gets a user and Start-VpnGateway, the
/// client Connect-VpnGateway -Wait; the client pings the LAN host and sends it a TCP and a UDP
/// request; the gateway shows the session (Get-VpnSession) and the SA under it, disconnects it
/// (Disconnect-VpnSession) and shows its audit events, the client its own; then everything is
/// removed. The pool lies on the LAN's subnet, so the LAN host needs no route: the gateway answers
/// ARP for the clients (proxy ARP), as RRAS does with a static pool on the LAN.
/// </summary>
internal static class VpnGatewayDemo
{
    // TEST-NET-3 (RFC 5737) for the public side, a private LAN behind the gateway.
    public const string GatewayPublicAddress = "203.0.113.1";
    public const string ClientAddress = "203.0.113.2";
    public const string GatewayLanAddress = "192.168.1.1";
    public const string LanHostAddress = "192.168.1.20";
    public const string AddressRange = "192.168.1.100-192.168.1.120";
    public const string DnsServer = "192.168.1.10";
    public const string WinsServer = "192.168.1.11";
    public const int ServicePort = 7;
    private const string Steps = "vpn-gateway-demo.ps1";
    private static readonly TimeSpan ServiceStart = TimeSpan.FromSeconds(60);

    public static int Run(TextWriter output)
    {
        using var network = new DemoNetwork("vpn-gateway");
        var failed = false;
        try
        {
            output.WriteLine($"Creating namespaces {network.Namespace("gw")} (the gateway: {GatewayPublicAddress} on eth0, the Internet side, "
                + $"{GatewayLanAddress} on eth1, the LAN), {network.Namespace("lan")} (a LAN host, {LanHostAddress}) and "
                + $"{network.Namespace("client")} (a remote client, {ClientAddress}), joined by veth pairs.");
            network.AddNamespace("gw");
            network.AddNamespace("lan");
            network.AddNamespace("client");
            network.Link("gw", "eth0", GatewayPublicAddress + "/24", "client", "eth0", ClientAddress + "/24");
            network.Link("gw", "eth1", GatewayLanAddress + "/24", "lan", "eth0", LanHostAddress + "/24");

            // Started first, so that its start overlaps the gateway's.
            var service = network.StartStep("lan", "vpn-lan-service.ps1", "-Port", ServicePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var serviceOutput = new List<string>();
            var serviceReady = ReadUntilReady(service, serviceOutput);

            output.WriteLine();
            output.WriteLine($"=== {network.Namespace("gw")}: the gateway's user and Start-VpnGateway on eth0, a pool on the LAN's subnet");
            failed |= network.RunStep("gw", Steps, "-Step", "Gateway", "-InterfaceAlias", "eth0", "-AddressRange", AddressRange,
                "-DnsServer", DnsServer, "-WinsServer", WinsServer) != 0;

            if (!failed && !(serviceReady.Wait(ServiceStart) && serviceReady.Result))
            {
                output.WriteLine($"The LAN host's service did not start within {ServiceStart.TotalSeconds} s:");
                lock (serviceOutput)
                {
                    output.WriteLine(string.Join(Environment.NewLine, serviceOutput));
                }

                failed = true;
            }

            if (!failed)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace("client")}: Connect-VpnGateway, then ping, TCP and UDP to the LAN host {LanHostAddress} port {ServicePort}");
                failed |= network.RunStep("client", Steps, "-Step", "Connect", "-ServerAddress", GatewayPublicAddress, "-InterfaceAlias", "eth0",
                    "-LanHost", LanHostAddress, "-Port", ServicePort.ToString(System.Globalization.CultureInfo.InvariantCulture)) != 0;
            }

            if (!failed)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace("gw")}: who is connected, Disconnect-VpnSession, the audit events, Stop-VpnGateway");
                failed |= network.RunStep("gw", Steps, "-Step", "Sessions") != 0;
            }

            if (!failed)
            {
                output.WriteLine();
                output.WriteLine($"=== {network.Namespace("client")}: the client's audit events, Disconnect-VpnGateway");
                failed |= network.RunStep("client", Steps, "-Step", "HangUp") != 0;
            }

            if (failed)
            {
                foreach (var role in new[] { "gw", "client" })
                {
                    output.WriteLine();
                    output.WriteLine($"--- the end of the engine log in {network.Namespace(role)}:");
                    output.WriteLine(network.EngineLogTail(role, 40));
                }
            }
        }
        finally
        {
            output.WriteLine();
            output.WriteLine("Removing the namespaces, their engines' state and the stores.");
        }

        return failed ? 1 : 0;
    }

    /// <summary>
    /// True once the service printed "ready", false if it ended first; keeps reading (and keeping)
    /// what it prints, so that its pipes never fill.
    /// </summary>
    private static Task<bool> ReadUntilReady(Process service, List<string> lines)
    {
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.ErrorDataReceived += (_, e) => Keep(e.Data);
        service.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data is null or "ready")
            {
                ready.TrySetResult(e.Data is not null);
            }
        };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        return ready.Task;

        void Keep(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
    }
}
