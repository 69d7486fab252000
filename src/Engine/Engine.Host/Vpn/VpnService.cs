using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Sa;
using Engine.Host.Audit;
using Engine.Host.Logging;
using Engine.Host.Options;
using Engine.Host.Policies;
using Engine.Ike.Kernel;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Vpn;

/// <summary>
/// Runs what the store's VPN settings ask for on top of the IPsec enforcer: the gateway
/// (<see cref="VpnGatewayServer"/>) and the client connection (<see cref="VpnClientConnection"/>).
/// The enforcer calls <see cref="Apply"/> on its work queue after every policy change; the data
/// plane hands it decrypted L2TP (<see cref="SinkFor"/>) and the host's packets for VPN addresses
/// (<see cref="TryTake"/>).
/// </summary>
public sealed class VpnService : IVpnMonitor, IOutboundPacketSink, IDecryptedPacketSink, IDisposable
{
    private const ushort L2tpPort = 1701;
    private readonly EngineOptions options;
    private readonly IAuditSink audit;
    private readonly ILogger<VpnService> logger;
    private readonly TimeProvider time;
    private volatile VpnGatewayServer? gateway;
    private volatile VpnClientConnection? client;
    private VpnUserDirectory? users;
    private IVpnGatewayHost? gatewayHost;
    private string? gatewaySettings;
    private string? clientSettings;
    private string? gatewayProblem;
    private VpnGateway? activeGateway;
    private IReadOnlyList<string> serverAddresses = [];
    private Func<uint, ulong> quickModeOfSpi = _ => 0;

    public VpnService(EngineOptions options, IAuditSink audit, ILogger<VpnService> logger, TimeProvider time)
    {
        this.options = options;
        this.audit = audit;
        this.logger = logger;
        this.time = time;
    }

    /// <summary>
    /// Starts, changes or stops the gateway and the client to match <paramref name="snapshot"/>.
    /// <paramref name="port"/> sends through SAs and into the host; <paramref name="tunInterfaceName"/>
    /// is where client addresses are routed; <paramref name="quickModes"/> maps an inbound SPI to its quick mode.
    /// </summary>
    internal void Apply(PolicySnapshot snapshot, IVpnPacketPort port, string tunInterfaceName, Func<uint, ulong> quickModes)
    {
        quickModeOfSpi = quickModes;
        serverAddresses = snapshot.Addresses.Where(a => !IPAddress.Parse(a).IsIPv6LinkLocal).ToList();
        var generated = EnforcedPolicy.Generated(snapshot.Document).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        ApplyGateway(generated.Contains(VpnGateway.PolicyName) ? snapshot.Document.VpnGateway : null, port, tunInterfaceName);
        ApplyClient(generated.Contains(VpnConnection.PolicyName) ? snapshot.Document.VpnConnection : null, snapshot, port, tunInterfaceName);
    }

    /// <summary>
    /// Before a policy change is enforced: stops the gateway or the client that
    /// <paramref name="snapshot"/> no longer runs (or runs with other settings), while the SAs and
    /// the ruleset in force still carry their LCP Terminate-Requests and StopCCNs; <see cref="Apply"/>
    /// then starts what is new. (Stopped after the change, the client's goodbyes left in the clear.)
    /// </summary>
    internal void Release(PolicySnapshot snapshot)
    {
        var generated = EnforcedPolicy.Generated(snapshot.Document).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (gateway is not null && !generated.Contains(VpnGateway.PolicyName))
        {
            ApplyGateway(null, null, null);
        }

        var connection = generated.Contains(VpnConnection.PolicyName) ? snapshot.Document.VpnConnection : null;
        if (client is not null && ClientSettingsText(connection, connection is null ? null : snapshot.PreSharedKey(connection.PasswordId)) != clientSettings)
        {
            StopClient();
        }
    }

    /// <summary>The engine stops: users get LCP Terminate and StopCCN, the connection hangs up, host changes are undone.</summary>
    internal void Withdraw()
    {
        ApplyGateway(null, null, null);
        StopClient();
    }

    /// <summary>The gateway takes the decrypted packets of inbound transport SAs for L2TP to this host.</summary>
    internal IDecryptedPacketSink? SinkFor(KernelSa sa) =>
        sa.Direction == Engine.Ike.Kernel.SaDirection.Inbound && sa.Mode == Engine.Ike.Kernel.IpsecMode.Transport
        && sa.LocalTrafficSelector.Protocol == 17 && sa.LocalTrafficSelector.Port == L2tpPort && gateway is not null
            ? this
            : null;

    public void Deliver(SecurityAssociation sa, ReadOnlySpan<byte> packet) => gateway?.Deliver(sa, packet);

    public bool TryTake(ReadOnlySpan<byte> packet) =>
        (gateway?.TryTakeOutbound(packet) ?? false) || (client?.TryTakeOutbound(packet) ?? false);

    public VpnGatewayStatus GatewayStatus()
    {
        if (gateway is { } running)
        {
            return running.Status(serverAddresses);
        }

        return new VpnGatewayStatus { State = gatewayProblem is null ? "Stopped" : "Failed", Problem = gatewayProblem, ServerAddresses = serverAddresses.ToArray() };
    }

    public IReadOnlyList<VpnSession> Sessions() => gateway?.Sessions(quickModeOfSpi) ?? [];

    public VpnSession? Disconnect(ulong id) => gateway?.Disconnect(id);

    public VpnConnectionStatus ConnectionStatus() => client?.Status() ?? new VpnConnectionStatus { State = "Disconnected" };

    public void Dispose() => Withdraw();

    private void ApplyGateway(VpnGateway? settings, IVpnPacketPort? port, string? tunInterfaceName)
    {
        var text = settings is null ? null : JsonSerializer.Serialize(settings, PolicyJson.Options);
        if (text == gatewaySettings && (gateway is not null || settings is null))
        {
            return;
        }

        gatewaySettings = text;
        if (settings is null)
        {
            if (gateway is { } stopping)
            {
                gateway = null;
                logger.VpnGatewayStopped(stopping.Stop());
                stopping.Dispose();
            }

            gatewayHost?.Remove();
            gatewayHost = null;
            gatewayProblem = null;
            activeGateway = null;
            return;
        }

        try
        {
            activeGateway = settings;
            if (users is null)
            {
                users = new VpnUserDirectory(options.StorePath, logger.VpnUsersUnreadable);
                users.Reloaded += _ =>
                {
                    if (activeGateway is { } active)
                    {
                        gatewayHost?.Install(active, StaticAddresses());
                    }
                };
            }

            gatewayHost ??= options.EnforceOnHost ? new LinuxVpnGatewayHost(tunInterfaceName!) : null;
            gatewayHost?.Install(settings, StaticAddresses());
            if (gateway is { } running)
            {
                running.Reconfigure(settings);
            }
            else
            {
                gateway = new VpnGatewayServer(settings, users, port!, audit, logger, time);
            }

            gatewayProblem = null;
            var current = gateway!;
            logger.VpnGatewayStarted(string.Join(", ", serverAddresses), settings.AddressRange, current.LocalAddress.ToString(),
                string.Join(", ", settings.AuthenticationMethods), settings.MaxSessions);
        }
        catch (Exception problem) when (problem is InvalidOperationException or System.IO.IOException or UnauthorizedAccessException
            or Platform.Linux.Commands.ExternalCommandException or IpSecPolicy.Model.Errors.PolicyException)
        {
            gatewayProblem = problem.Message;
            logger.VpnHostNetworkFailed(problem.Message);
        }
    }

    private IEnumerable<IPAddress> StaticAddresses() =>
        users?.Users.Where(u => u.StaticAddress is not null).Select(u => u.StaticAddress!).ToList() ?? [];

    private void ApplyClient(VpnConnection? settings, PolicySnapshot snapshot, IVpnPacketPort port, string tunInterfaceName)
    {
        var password = settings is null ? null : snapshot.PreSharedKey(settings.PasswordId);
        var text = ClientSettingsText(settings, password);
        if (text == clientSettings)
        {
            return;
        }

        clientSettings = text;
        StopClient();
        if (settings is null || password is null)
        {
            return;
        }

        var local = snapshot.Host.Addresses.Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == settings.ServerAddress.AddressFamily && !a.IsIPv6LinkLocal);
        if (local is null)
        {
            logger.VpnClientState(settings.ServerAddress.ToString(), "Failed", $": {settings.InterfaceAlias} has no address of the server's family");
            return;
        }

        IVpnClientHost host = options.EnforceOnHost ? new LinuxVpnClientHost(tunInterfaceName) : new NoClientHost();
        var connection = new VpnClientConnection(settings, password, local, port, host, audit, logger, time);
        client = connection;
        connection.Dial();
    }

    /// <summary>What decides whether the running client still matches the store (the settings, and whether there is a password).</summary>
    private static string? ClientSettingsText(VpnConnection? settings, string? password) =>
        settings is null ? null : JsonSerializer.Serialize(settings, PolicyJson.Options) + (password is null ? "-" : "+");

    private void StopClient()
    {
        if (client is { } running)
        {
            client = null;
            running.Dispose();
        }
    }

    /// <summary>For an engine that does not touch the host (tests): the address stays the engine's business.</summary>
    private sealed class NoClientHost : IVpnClientHost
    {
        public void AddAssignedAddress(IPAddress address, IReadOnlyList<(IPAddress Network, int PrefixLength)> routes, IPAddress server)
        {
        }

        public void RemoveAssignedAddress(IPAddress address, IPAddress server)
        {
        }
    }
}
