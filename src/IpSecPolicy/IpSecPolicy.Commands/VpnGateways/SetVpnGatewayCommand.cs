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
/// Changes the VPN gateway's settings: only the parameters given, the rest stay. The generated
/// policy is written again and the running engine re-reads the store; no engine is started.
/// -LocalAddress, -DnsServer and -WinsServer take $null or an empty list to clear them.
/// </summary>
[Cmdlet(VerbsCommon.Set, "VpnGateway", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VpnGatewayStatus))]
public sealed class SetVpnGatewayCommand : VpnEngineCmdlet
{
    private static readonly string[] Settings =
    {
        nameof(InterfaceAlias), nameof(AddressRange), nameof(LocalAddress), nameof(DnsServer), nameof(WinsServer),
        nameof(AuthenticationMethod), nameof(MaxSessions), nameof(IdleDisconnectSeconds), nameof(Mtu),
    };

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceAliasCompleter))]
    public string? InterfaceAlias { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AddressRange { get; set; }

    [Parameter]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalAddress { get; set; }

    [Parameter]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? DnsServer { get; set; }

    [Parameter]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? WinsServer { get; set; }

    [Parameter]
    public SecureString? PreSharedKey { get; set; }

    [Parameter]
    public VpnAuthenticationMethod[]? AuthenticationMethod { get; set; }

    [Parameter]
    public int MaxSessions { get; set; }

    [Parameter]
    public int IdleDisconnectSeconds { get; set; }

    [Parameter]
    public int Mtu { get; set; }

    /// <summary>Writes the gateway's status afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            var bound = MyInvocation.BoundParameters;
            var changed = Settings.Where(bound.ContainsKey).ToList();
            var key = PreSharedKey is null ? null : new Secret(SecureStringText.Read(PreSharedKey));
            var gateway = Change(Store.Read().GetVpnGateway().Clone());

            // A dry run on a copy that is never saved: a refusal comes before anything is asked.
            Store.Read().SetVpnGateway(gateway.Clone(), key, DateTimeOffset.UtcNow);

            var client = Control;
            var running = RunningEngine(client, out var failed);
            if (failed || (running is not null && ServesOtherAdapter(running, gateway.InterfaceAlias)))
            {
                return;
            }

            var what = changed.Count == 0 && key is null
                ? "Write the settings and the generated policy again"
                : "Set " + string.Join(", ", changed) + (key is null ? string.Empty : (changed.Count == 0 ? string.Empty : ", and ") + "a new pre-shared key");
            if (!ShouldProcess($"VPN gateway on {gateway.InterfaceAlias}", what))
            {
                return;
            }

            Store.Update(document => document.SetVpnGateway(Change(document.GetVpnGateway().Clone()), key, DateTimeOffset.UtcNow));
            if (key is not null)
            {
                WriteVerbose("The VPN gateway's pre-shared key was replaced; clients need the new one.");
            }

            EngineConnection.SyncAfterStoreChange(this, client, Store.Directory);
            if (PassThru && GatewayStatus(client, Store) is { } status)
            {
                WriteObject(status);
            }
        });
    }

    /// <summary>The stored settings with the given parameters applied.</summary>
    private GatewaySettings Change(GatewaySettings gateway)
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(InterfaceAlias)))
        {
            gateway.InterfaceAlias = InterfaceAlias!;
        }

        if (bound.ContainsKey(nameof(AddressRange)))
        {
            gateway.AddressRange = AddressRange!;
        }

        if (bound.ContainsKey(nameof(LocalAddress)))
        {
            gateway.LocalAddress = VpnGatewayParameters.Address(LocalAddress, nameof(LocalAddress));
        }

        if (bound.ContainsKey(nameof(DnsServer)))
        {
            gateway.DnsServers = VpnGatewayParameters.Addresses(DnsServer, nameof(DnsServer));
        }

        if (bound.ContainsKey(nameof(WinsServer)))
        {
            gateway.WinsServers = VpnGatewayParameters.Addresses(WinsServer, nameof(WinsServer));
        }

        if (bound.ContainsKey(nameof(AuthenticationMethod)))
        {
            gateway.AuthenticationMethods = (AuthenticationMethod ?? Array.Empty<VpnAuthenticationMethod>()).ToList();
        }

        if (bound.ContainsKey(nameof(MaxSessions)))
        {
            gateway.MaxSessions = MaxSessions;
        }

        if (bound.ContainsKey(nameof(IdleDisconnectSeconds)))
        {
            gateway.IdleDisconnectSeconds = IdleDisconnectSeconds;
        }

        if (bound.ContainsKey(nameof(Mtu)))
        {
            gateway.Mtu = Mtu;
        }

        return gateway;
    }
}
