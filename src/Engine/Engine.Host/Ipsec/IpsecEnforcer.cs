using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;
using Engine.Host.Audit;
using Engine.Host.Enforcement;
using Engine.Host.Logging;
using Engine.Host.Options;
using Engine.Host.Policies;
using Engine.Host.Vpn;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Statistics;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Routing;
using Engine.Platform.Linux.Sockets;
using Engine.Platform.Linux.Tun;
using IpSecPolicy.Model.Objects;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Ipsec;

/// <summary>
/// Makes the assigned policy real on the host: nftables rules for Permit, Block and "only
/// secured", policy routing of the traffic to secure into a TUN device, the userspace data plane
/// (ESP/AH) with its sockets, and IKE negotiating the SAs. Everything it starts it owns; all of it
/// is changed on one work queue, so policy changes and the data plane's and IKE's events never race.
/// </summary>
public sealed class IpsecEnforcer : IPolicyEnforcer, IIpsecMonitor, IAsyncDisposable
{
    /// <summary>
    /// The ESP, AH and UDP 4500 sockets' receive buffer (SO_RCVBUFFORCE). A TCP stream arrives in
    /// bursts of a whole send window (the sender's engine seals a 64 KB TSO super-packet into ~45
    /// datagrams at once); the default (about 208 KB, some 90 full-sized datagrams with the
    /// kernel's overhead) overflows while the receive thread writes the previous batch to the TUN
    /// device, and every datagram lost there is a TCP retransmission. A limit, not an allocation.
    /// </summary>
    internal const int DataPlaneReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly EngineOptions options;
    private readonly IAuditSink audit;
    private readonly ILogger<IpsecEnforcer> logger;
    private readonly TimeProvider time;
    private readonly SerialWorkQueue queue;
    private readonly IkeSocket socket;
    private readonly PolicyRoutingOptions routing = PolicyRoutingOptions.Default;
    private readonly HashSet<IPAddress> boundAddresses = new();
    private readonly NftablesRulesetApplier nftables = new();
    private readonly IkeTraceFile trace;
    private readonly VpnService vpn;
    private IpsecDataPlane? dataPlane;
    private LinuxTunDevice? tun;
    private PolicyRouter? router;
    private SecurityPolicyTable? policies;
    private DataPlaneKernel? kernel;
    private NegotiationOutcomes? outcomes;
    private IkeAuditSink? ikeEvents;
    private volatile IkeEngine? ike;
    private PolicySnapshot? current;

    public IpsecEnforcer(EngineOptions options, IAuditSink audit, VpnService vpn, ILogger<IpsecEnforcer> logger, TimeProvider time)
    {
        this.options = options;
        this.vpn = vpn;
        this.audit = audit;
        this.logger = logger;
        this.time = time;
        queue = new SerialWorkQueue(e => logger.EventFailed(e));
        socket = new IkeSocket(logger);
        trace = new IkeTraceFile(Path.Combine(options.StateDirectory, "ike.log"));
    }

    public string Name => "IPsec (IKEv1, ESP/AH data plane, nftables)";

    /// <summary>The TUN device the traffic to secure is routed into.</summary>
    public string TunInterfaceName => TunDeviceOptions.DefaultName;

    public bool IsActive => ike is not null;

    public Task ApplyAsync(PolicySnapshot policy, CancellationToken cancellationToken) => queue.RunAsync(() => Apply(policy));

    public Task WithdrawAsync(CancellationToken cancellationToken) => queue.RunAsync(Withdraw);

    public IReadOnlyList<MainModeSaInfo> GetMainModeSas() => ike?.GetMainModeSas() ?? [];

    public IReadOnlyList<QuickModeSaInfo> GetQuickModeSas() => ike?.GetQuickModeSas() ?? [];

    public bool DeleteMainModeSa(string id) => ike?.DeleteMainModeSa(id) ?? false;

    public bool DeleteQuickModeSa(ulong id) => ike?.DeleteQuickModeSa(id) ?? false;

    public DataPlaneStatistics GetDataPlaneStatistics() => dataPlane?.GetStatistics() ?? DataPlaneStatistics.Empty;

    public IReadOnlyList<KernelSa> GetInstalledSas() => kernel?.InstalledSas() ?? [];

    public IkeStatistics GetIkeStatistics() =>
        (ike?.GetStatistics() ?? new IkeStatistics()) with { SoftSas = outcomes?.SoftSaCount ?? 0 };

    public IReadOnlyList<IkeSaKeys> GetIkeSaKeys() => ike?.GetIkeSaKeys() ?? [];

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        trace.Dispose();
    }

    private void Apply(PolicySnapshot snapshot)
    {
        current = snapshot;

        // A VPN gateway or client the new store no longer runs says goodbye first, through the SAs
        // and the ruleset still in force (afterwards the client's would leave in the clear).
        vpn.Release(snapshot);

        // nftables first: if anything below fails (routing, a socket), what the policy says to
        // secure is already marked for the TUN device and dropped rather than sent in the clear.
        ApplyRuleset();
        Start();
        BindAddresses(snapshot);

        var configuration = snapshot.Document.Configuration;
        kernel!.IdleTimeout = TimeSpan.FromSeconds(configuration.IdleSaSeconds);
        outcomes!.FallbackToClearSeconds = configuration.FallbackToClearSeconds;
        outcomes.NegotiationFailureBlockSeconds = configuration.NegotiationFailureBlockSeconds;
        outcomes.Reset();
        trace.Enabled = configuration.IkeLogging;
        if (configuration.IkeLogging)
        {
            logger.IkeTraceOpened(trace.Path);
        }

        if (snapshot.Compiled is not { } compiled)
        {
            policies!.SetTraps([]);
            StopIke("no policy is assigned");
            ApplyRuleset();
            ApplyVpn(snapshot);
            return;
        }

        var translation = PolicyTranslator.Translate(compiled, snapshot.PreSharedKeys);
        var warnings = translation.Warnings.ToList();
        var ikePolicy = DataPlaneLimits.Restrict(translation.Policy, warnings);
        foreach (var warning in warnings)
        {
            logger.IkeWarning(warning);
        }

        var negotiated = compiled.Filters.Where(f => f.Action == FilterActionType.Negotiate).ToList();
        var traps = negotiated.Zip(ikePolicy.ChildPolicies)
            .Select((pair, index) => new NegotiationTrap(index + 1, index, pair.Second, pair.First))
            .ToList();
        policies!.SetTraps(traps);
        logger.IkePolicy(ikePolicy.Name, traps.Count, ikePolicy.PreSharedKeys.Count, ikePolicy.DefaultResponse is not null);

        if (ike is { } running)
        {
            running.UpdatePolicy(ikePolicy);
        }
        else
        {
            ike = new IkeEngine(new IkeEngineOptions { TraceIncludesKeys = options.IkeTraceIncludesKeys, ReplayWindow = options.ReplayWindow }, ikePolicy, socket, kernel, ikeEvents!, time, trace);
            socket.Engine = ike;
        }

        ApplyRuleset();
        ApplyVpn(snapshot);
    }

    /// <summary>The VPN gateway and client follow the store's settings, once IKE runs the policy that secures them.</summary>
    private void ApplyVpn(PolicySnapshot snapshot) =>
        vpn.Apply(snapshot, new DataPlanePacketPort(dataPlane!, tun!), TunInterfaceName, QuickModeOfSpi);

    private ulong QuickModeOfSpi(uint spi) =>
        ike?.GetQuickModeSas().FirstOrDefault(sa => sa.InboundSpis.Values.Contains(spi))?.Id ?? 0;

    private void Withdraw()
    {
        vpn.Withdraw(); // users get LCP Terminate and StopCCN while the SAs still carry them
        StopIke("the engine stops");
        outcomes?.Reset();
        dataPlane?.Dispose(); // closes the TUN device and the ESP, AH and NAT-T sockets
        socket.Dispose();
        router?.Remove();
        dataPlane = null;
        if (current?.Compiled is null)
        {
            // Nothing was to be secured: leave no table behind.
            nftables.Remove();
        }

        logger.DataPlaneStopped();
    }

    private void StopIke(string reason)
    {
        if (ike is { } running)
        {
            running.Dispose(); // DELETE to every peer while the sockets are still open
            ike = null;
            socket.Engine = null;
            logger.IkeStopped(reason);
        }
    }

    /// <summary>Brings up the TUN device, routing and the data plane on the first policy.</summary>
    private void Start()
    {
        if (dataPlane is not null)
        {
            return;
        }

        var relay = new DataPlaneEventRelay(queue);
        dataPlane = new IpsecDataPlane(new DataPlaneOptions(), relay, socket, time);
        policies = new SecurityPolicyTable(dataPlane);
        policies.ConversationsChanged += () => queue.Post(ApplyRuleset);
        kernel = new DataPlaneKernel(dataPlane, policies, TimeSpan.Zero) { SinkFor = vpn.SinkFor };
        dataPlane.OutboundSink = vpn;
        kernel.Changed += (what, sa, reqId) =>
        {
            if (what == "installed")
            {
                logger.SaInstalled(sa.ToString(), reqId);
            }
            else
            {
                logger.SaRemoved(sa.ToString());
            }
        };
        outcomes = new NegotiationOutcomes(dataPlane, queue, time, logger);
        outcomes.SoftSasChanged += ApplyRuleset;
        ikeEvents = new IkeAuditSink(audit, logger);
        new IpsecEventHandlers(() => ike, dataPlane, policies, kernel, outcomes, LocalAddressFor, time, logger).Attach(relay, ikeEvents, queue);

        tun = LinuxTunDevice.Create(new TunDeviceOptions { Name = TunInterfaceName });
        dataPlane.AttachTun(tun);
        router = new PolicyRouter(routing);
        router.Install(tun.Name);
    }

    /// <summary>IKE and ESP sockets on every address of the adapter not bound yet.</summary>
    private void BindAddresses(PolicySnapshot snapshot)
    {
        var bindOptions = new DatagramBindOptions { FirewallMark = routing.BypassMark };
        foreach (var address in snapshot.Host.Addresses.Select(a => a.Address).Where(Bindable))
        {
            if (boundAddresses.Contains(address))
            {
                continue;
            }

            socket.AddIkeBind(LinuxDatagramBind.Open(DatagramEndpointKind.Ike, address, bindOptions with { ReceiveBufferBytes = IkeSocket.ReceiveBufferBytes }));
            var packetOptions = bindOptions with { ReceiveBufferBytes = DataPlaneReceiveBufferBytes };
            var natTraversal = LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, address, packetOptions);
            dataPlane!.AttachBind(natTraversal);
            socket.AddNatTraversalBind(natTraversal);
            dataPlane.AttachBind(LinuxDatagramBind.Open(DatagramEndpointKind.Esp, address, packetOptions));
            dataPlane.AttachBind(LinuxDatagramBind.Open(DatagramEndpointKind.Ah, address, packetOptions));
            boundAddresses.Add(address);
        }

        logger.DataPlaneStarted(TunInterfaceName, tun!.Mtu, string.Join(", ", boundAddresses));
    }

    // IPv6 link-local addresses need a scope to bind and never carry policy traffic off the link.
    private static bool Bindable(IPAddress address) => !address.IsIPv6LinkLocal;

    private void ApplyRuleset()
    {
        var conversations = new List<EnforcementRule>();
        foreach (var soft in outcomes?.SoftSas() ?? [])
        {
            conversations.AddRange(ConversationRules.Clear(soft.Local, soft.Remote));
        }

        foreach (var secured in policies?.SecuredConversations() ?? [])
        {
            conversations.AddRange(ConversationRules.Secured(secured.Local, secured.Remote));
        }

        var ruleset = EnforcementTranslator.Translate(current?.Compiled, new EnforcementTranslationOptions
        {
            TunInterfaceName = TunInterfaceName,
            DefaultExemption = current?.Document.Configuration.DefaultExemption ?? Configuration.DefaultDefaultExemption,
            Routing = routing,
        }, conversations);
        nftables.Apply(ruleset);
        logger.EnforcementApplied(ruleset.Rules.Count, conversations.Count / 2);
    }

    private IPAddress? LocalAddressFor(IPAddress peer) =>
        boundAddresses.FirstOrDefault(a => a.AddressFamily == peer.AddressFamily);
}
