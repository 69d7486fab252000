using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// An L2TP/IPsec lab: client(s) ↔ gateway ↔ LAN host, the gateway's pool on the LAN's subnet (proxy
/// ARP), stores written through the model as the cmdlets write them.
/// </summary>
internal sealed class VpnLab
{
    public const string PreSharedKey = "vpn-lab-psk";
    public const string Pool = "10.81.2.100-10.81.2.120";
    public const string LanHostAddress = "10.81.2.2";
    public const string GatewayAddress = "10.81.1.1";

    /// <summary>One client linked to the gateway, or <paramref name="clientsBehindNat"/> clients behind one masquerading NAT.</summary>
    public VpnLab(Lab lab, int clientsBehindNat = 0)
    {
        Gateway = lab.AddHost("gw");
        LanHost = lab.AddHost("lan");
        if (clientsBehindNat == 0)
        {
            Clients = [lab.AddHost("cl")];
            lab.Link(Gateway, GatewayAddress + "/24", Clients[0], "10.81.1.2/24");
        }
        else
        {
            var nat = lab.AddHost("nat");
            lab.Link(Gateway, GatewayAddress + "/24", nat, "10.81.1.2/24");
            Clients = new LabHost[clientsBehindNat];
            for (var i = 0; i < clientsBehindNat; i++)
            {
                Clients[i] = lab.AddHost($"cl{i + 1}");
                lab.Link(Clients[i], $"10.82.{i + 1}.2/24", nat, $"10.82.{i + 1}.1/24");
                Lab.Route(Clients[i], "default", $"10.82.{i + 1}.1");
            }

            Lab.Masquerade(nat, "to-gw");
        }

        lab.Link(Gateway, "10.81.2.1/24", LanHost, LanHostAddress + "/24");
    }

    public LabHost Gateway { get; }

    public LabHost LanHost { get; }

    public LabHost[] Clients { get; }

    public LabHost Client => Clients[0];

    public static VpnGateway GatewaySettings(string interfaceAlias) => new()
    {
        InterfaceAlias = interfaceAlias,
        AddressRange = Pool,
        DnsServers = { IPAddress.Parse("10.81.2.53") },
        WinsServers = { IPAddress.Parse("10.81.2.54") },
        AuthenticationMethods = [VpnAuthenticationMethod.MsChapV2, VpnAuthenticationMethod.Chap, VpnAuthenticationMethod.Pap],
    };

    public static void ConfigureGateway(LabHost host, VpnGateway settings) =>
        new PolicyStore(host.StorePath).Update(document => document.SetVpnGateway(settings, new Secret(PreSharedKey), DateTimeOffset.UtcNow));

    public static void AddUser(LabHost host, string name, string password, IPAddress? staticAddress = null) =>
        new VpnUserStore(new PolicyStore(host.StorePath)).Update(users =>
            users.AddVpnUser(new VpnUser { Name = name, StaticAddress = staticAddress }, new Secret(password), DateTimeOffset.UtcNow));

    public static void ConfigureClient(LabHost host, string user, string password, VpnProposalProfile profile = VpnProposalProfile.Default,
        VpnAuthenticationMethod method = VpnAuthenticationMethod.MsChapV2, string server = GatewayAddress, string psk = PreSharedKey) =>
        new PolicyStore(host.StorePath).Update(document => document.SetVpnConnection(new VpnConnection
        {
            InterfaceAlias = host.Interface,
            ServerAddress = IPAddress.Parse(server),
            UserName = user,
            ProposalProfile = profile,
            AuthenticationMethods = [method],
        }, new Secret(psk), new Secret(password), DateTimeOffset.UtcNow));

    /// <summary>The connection once it reached <paramref name="state"/>; fails with the engine's log otherwise.</summary>
    public static VpnConnectionStatus WaitForConnection(LabHost host, string state, TimeSpan within)
    {
        var client = new ControlClient(host.SocketPath);
        var watch = Stopwatch.StartNew();
        VpnConnectionStatus? status;
        do
        {
            status = client.Call<VpnConnectionStatus>(ControlCommands.GetVpnConnection);
            if (status?.State == state)
            {
                return status;
            }

            Thread.Sleep(200);
        }
        while (watch.Elapsed < within);
        Assert.Fail($"the connection in {host.Name} is {status?.State} ({status?.LastError}), not {state}, after {within.TotalSeconds} s:\n{host.EngineLog}");
        return status!;
    }

    public static VpnSession[] Sessions(LabHost gateway) =>
        new ControlClient(gateway.SocketPath).Call<VpnSession[]>(ControlCommands.GetVpnSession) ?? [];
}
