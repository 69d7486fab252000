using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Values;
using GatewaySettings = IpSecPolicy.Model.Objects.VpnGateway;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// Makes the engine of this namespace an L2TP/IPsec remote-access gateway (RRAS's "Remote access
/// (dial-up or VPN)" role): stores the settings and the L2TP/IPsec policy they generate, then
/// starts an engine on the adapter, or has the running one re-read the store, and writes the
/// gateway's status. Every setting is written: those not given take their defaults (Set-VpnGateway
/// changes single ones). The pre-shared key is needed the first time and kept when left out.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "VpnGateway", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VpnGatewayStatus))]
public sealed class StartVpnGatewayCommand : VpnEngineCmdlet
{
    /// <summary>The adapter clients connect to; the engine serves it.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceAliasCompleter))]
    public string InterfaceAlias { get; set; } = string.Empty;

    /// <summary>The IPv4 pool, first-last.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public string AddressRange { get; set; } = string.Empty;

    /// <summary>The gateway's own address on the PPP links; default: the pool's first address.</summary>
    [Parameter]
    public string? LocalAddress { get; set; }

    [Parameter]
    public string[]? DnsServer { get; set; }

    [Parameter]
    public string[]? WinsServer { get; set; }

    /// <summary>The key clients authenticate IKE with; needed the first time, kept when left out.</summary>
    [Parameter]
    public SecureString? PreSharedKey { get; set; }

    [Parameter]
    public VpnAuthenticationMethod[] AuthenticationMethod { get; set; } = { VpnAuthenticationMethod.MsChapV2 };

    [Parameter]
    public int MaxSessions { get; set; } = GatewaySettings.DefaultMaxSessions;

    /// <summary>Seconds without traffic after which a session is ended; 0 never.</summary>
    [Parameter]
    public int IdleDisconnectSeconds { get; set; }

    [Parameter]
    public int Mtu { get; set; } = GatewaySettings.DefaultMtu;

    /// <summary>The store to write and the started engine to enforce; default: this session's store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    /// <summary>The engine's control socket; default: <c>$IpSecPolicyControlSocket</c>, the environment's, or this namespace's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControlSocket { get; set; }

    /// <summary>A started engine's state directory; default: <c>$env:IPSECPOLICY_STATE_DIR</c> or this namespace's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StateDirectory { get; set; }

    /// <summary>The engine to start (its .dll, executable or folder); default: found as Start-IpSecEngine finds it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnginePath { get; set; }

    protected override void ProcessRecord()
    {
        var startup = new EngineStartup(this, Store.Directory, StorePath, ControlSocket, StateDirectory, EnginePath);
        var store = StoreAt(startup.StorePath);
        Try(() =>
        {
            var gateway = new GatewaySettings
            {
                InterfaceAlias = InterfaceAlias,
                AddressRange = AddressRange,
                LocalAddress = VpnGatewayParameters.Address(LocalAddress, nameof(LocalAddress)),
                DnsServers = VpnGatewayParameters.Addresses(DnsServer, nameof(DnsServer)),
                WinsServers = VpnGatewayParameters.Addresses(WinsServer, nameof(WinsServer)),
                AuthenticationMethods = AuthenticationMethod.ToList(),
                MaxSessions = MaxSessions,
                IdleDisconnectSeconds = IdleDisconnectSeconds,
                Mtu = Mtu,
            };
            var key = PreSharedKey is null ? null : new Secret(SecureStringText.Read(PreSharedKey));

            // A dry run on a copy that is never saved: a refusal comes before anything is started or asked.
            store.Read().SetVpnGateway(gateway.Clone(), key, DateTimeOffset.UtcNow);

            var running = RunningEngine(startup.Client, out var failed);
            if (failed || (running is not null && ServesOtherAdapter(running, InterfaceAlias)))
            {
                return;
            }

            var engine = running is null ? startup.FindEngine() : null;
            if (running is null && engine is null)
            {
                return;
            }

            var how = running is null
                ? $"start the IpSecPolicy engine ({engine!.EnginePath}) on {InterfaceAlias} with store {startup.StorePath}"
                : $"have the running engine (process {running.ProcessId}) apply it";
            var what = $"Configure the L2TP/IPsec VPN gateway (pool {gateway.AddressRange}, {string.Join(", ", gateway.AuthenticationMethods)}"
                + (key is null ? string.Empty : ", a new pre-shared key") + $") and {how}";
            if (!ShouldProcess(InterfaceAlias, what))
            {
                return;
            }

            store.Update(document => document.SetVpnGateway(gateway, key, DateTimeOffset.UtcNow));
            WriteVerbose($"Stored the VPN gateway's settings and its policy '{GatewaySettings.PolicyName}' in {store.Directory}.");
            if (!ApplyToEngine(startup, running, engine, InterfaceAlias))
            {
                return;
            }

            var status = GatewayStatus(startup.Client, store);
            if (status is not null)
            {
                WriteObject(status);
            }
        });
    }
}
