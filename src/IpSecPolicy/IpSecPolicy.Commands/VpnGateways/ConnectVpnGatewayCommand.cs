using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Commands.Engine;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.VpnGateways;

/// <summary>
/// Makes the engine of this namespace an L2TP/IPsec client of a VPN gateway, offering exactly the
/// chosen built-in client's proposals (what racoon + l2tpd + pppd did by hand): stores the
/// connection and its generated policy (the password in the secret file), starts an engine on the
/// adapter or has the running one re-read the store, and writes the connection's status; with
/// -Wait, once it is up (or the error saying why not). The key and the password are needed the
/// first time and kept when left out.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "VpnGateway", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VpnConnectionStatus))]
public sealed class ConnectVpnGatewayCommand : VpnEngineCmdlet
{
    private const string Connected = "Connected";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The gateway's IPv4 or IPv6 address.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string ServerAddress { get; set; } = string.Empty;

    [Parameter]
    public SecureString? PreSharedKey { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    public string UserName { get; set; } = string.Empty;

    [Parameter]
    public SecureString? Password { get; set; }

    /// <summary>Which built-in client's IKEv1 and quick mode proposals to offer.</summary>
    [Parameter]
    public VpnProposalProfile ProposalProfile { get; set; } = VpnProposalProfile.Default;

    /// <summary>The PPP authentication methods offered, in preference order.</summary>
    [Parameter]
    public VpnAuthenticationMethod[] AuthenticationMethod { get; set; } = { VpnAuthenticationMethod.MsChapV2 };

    /// <summary>IPv4 prefixes to route through the connection.</summary>
    [Parameter]
    public string[]? Route { get; set; }

    /// <summary>The adapter the engine serves; needed when no engine runs (default: the running engine's, else the stored connection's).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(InterfaceAliasCompleter))]
    public string? InterfaceAlias { get; set; }

    /// <summary>Waits until the connection is up, or fails, or -TimeoutSeconds pass.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The store to write and the started engine to enforce; default: this session's store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControlSocket { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StateDirectory { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnginePath { get; set; }

    protected override void ProcessRecord()
    {
        var startup = new EngineStartup(this, Store.Directory, StorePath, ControlSocket, StateDirectory, EnginePath);
        var store = StoreAt(startup.StorePath);
        Try(() =>
        {
            var running = RunningEngine(startup.Client, out var failed);
            if (failed)
            {
                return;
            }

            var alias = InterfaceAlias ?? running?.InterfaceAlias ?? store.Read().VpnConnection?.InterfaceAlias ?? string.Empty;
            var connection = new VpnConnection
            {
                InterfaceAlias = alias,
                ServerAddress = VpnGatewayRules.ParseServerAddress(ServerAddress),
                UserName = UserName,
                ProposalProfile = ProposalProfile,
                AuthenticationMethods = AuthenticationMethod.ToList(),
                Routes = (Route ?? Array.Empty<string>()).ToList(),
            };
            var key = PreSharedKey is null ? null : new Secret(SecureStringText.Read(PreSharedKey));
            var password = Password is null ? null : new Secret(SecureStringText.Read(Password));

            // A dry run on a copy that is never saved: a refusal comes before anything is started or asked.
            store.Read().SetVpnConnection(connection.Clone(), key, password, DateTimeOffset.UtcNow);

            if (running is not null && ServesOtherAdapter(running, alias))
            {
                return;
            }

            var engine = running is null ? startup.FindEngine() : null;
            if (running is null && engine is null)
            {
                return;
            }

            var how = running is null
                ? $"start the IpSecPolicy engine ({engine!.EnginePath}) on {alias} with store {startup.StorePath}"
                : $"have the running engine (process {running.ProcessId}) dial it";
            if (!ShouldProcess($"L2TP/IPsec connection to {connection.ServerAddress} as '{connection.UserName}'",
                $"Connect with the {ProposalProfile} client's proposals and {string.Join(", ", connection.AuthenticationMethods)}, and {how}"))
            {
                return;
            }

            store.Update(document => document.SetVpnConnection(connection, key, password, DateTimeOffset.UtcNow));
            WriteVerbose($"Stored the VPN connection and its policy '{VpnConnection.PolicyName}' in {store.Directory}.");
            if (!ApplyToEngine(startup, running, engine, alias))
            {
                return;
            }

            var status = Wait ? WaitUntilConnected(startup.Client, connection) : ConnectionStatus(startup.Client, store);
            if (status is not null)
            {
                WriteObject(status);
            }
        });
    }

    /// <summary>
    /// Polls the engine until the connection is Connected; Failed is the error VpnConnectionFailed
    /// with the engine's reason, no success within -TimeoutSeconds VpnConnectionTimeout. Both
    /// errors carry the last status as their target.
    /// </summary>
    private VpnConnectionStatus? WaitUntilConnected(ControlClient client, VpnConnection connection)
    {
        var watch = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        var peer = $"{connection.ServerAddress} as '{connection.UserName}'";
        while (true)
        {
            VpnConnectionStatus? status;
            try
            {
                status = client.Call<VpnConnectionStatus>(ControlCommands.GetVpnConnection);
            }
            catch (ControlException error)
            {
                WriteControlError(error, client.SocketPath);
                return null;
            }

            if (status?.State == Connected)
            {
                WriteVerbose($"Connected to {peer} after {watch.Elapsed.TotalSeconds:0.0} s: address {status.AssignedAddress}.");
                return status;
            }

            if (status?.State == VpnStatusFromStore.Failed)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"The VPN connection to {peer} failed: {status.LastError ?? "the engine gave no reason"}. A refused authentication is not retried: correct the user name or password and run Connect-VpnGateway again, or Disconnect-VpnGateway."),
                    ErrorIds.VpnConnectionFailed, ErrorCategory.ConnectionError, status));
                return null;
            }

            if (watch.Elapsed >= timeout || Stopping)
            {
                var state = status is null ? "no status" : $"state {status.State}" + (status.LastError is null ? string.Empty : $", last error: {status.LastError}");
                WriteError(new ErrorRecord(new TimeoutException(
                        $"The VPN connection to {peer} was not up within {TimeoutSeconds} s ({state}). The engine keeps trying; Get-VpnConnection shows how far it got."),
                    ErrorIds.VpnConnectionTimeout, ErrorCategory.OperationTimeout, status));
                return null;
            }

            Thread.Sleep(PollInterval);
        }
    }
}
