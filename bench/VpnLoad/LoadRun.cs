using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Engine.DataPlane.Pipeline;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Selectors;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Lcp;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// Everything the clients share (the raw sender, the IKE socket, the data plane with its ESP bind,
/// the L2TP endpoint, the IKE and PPP settings) and the sessions themselves, started in batches
/// with at most W setting up at a time.
/// </summary>
internal sealed class LoadRun : IDisposable
{
    private readonly LoadOptions options;
    private readonly LoadSession[] sessions;
    private readonly uint firstSource;
    private readonly RawIpSender sender;
    private readonly MultiAddressEspBind bind;
    private readonly ITimer sweeper;
    private SemaphoreSlim? window;
    private TaskCompletionSource? batchDone;
    private int batchRemaining;
    private long dropped;

    public LoadRun(LoadOptions options)
    {
        this.options = options;
        Gateway = options.Gateway;
        firstSource = Ipv4Packets.Number(options.FirstSource);
        sessions = new LoadSession[options.Sessions + options.Warmup];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = new LoadSession(this, i, firstSource + (uint)i);
        }

        IkeOptions = new IkeEngineOptions();
        var proposal = options.Group == DiffieHellmanGroup.Ecp256
            ? new MainModeProposal(IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Ecp256)
            : new MainModeProposal(IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_256, DiffieHellmanGroup.Modp2048);
        ChildPolicy = new ChildPolicy
        {
            Name = "L2TP",
            Local = TrafficSelector.ForRange(options.FirstSource, Ipv4Packets.Address(firstSource + (uint)sessions.Length - 1), Ipv4Packets.UdpProtocol, ClientL2tp.Port),
            Remote = TrafficSelector.ForHost(Gateway, Ipv4Packets.UdpProtocol, ClientL2tp.Port),
            // The gateway's first quick mode method (VpnClientProposals' Default profile), Windows' lifetimes.
            Proposals = [new QuickModeProposal(new EspProposal(EspTransformId.AesCbc, 256, IpsecAuthenticationAlgorithm.HmacSha2_256), null, 3600, 250000)],
        };
        IkePolicy = new IkePolicy
        {
            Name = "vpnload",
            MainMode = new MainModePolicy { Proposals = [proposal] },
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.ForHost(Gateway), options.PreSharedKey)],
            ChildPolicies = [ChildPolicy],
        };
        var ppp = new PppSessionOptions
        {
            Role = PppRole.Client,
            Lcp = new LcpSettings { Mru = 1400 },
            Client = new PppClientSettings
            {
                UserName = options.User,
                Password = PppPassword.FromString(options.Password),
                AuthenticationProtocols = [options.Authentication],
            },
        };

        sender = new RawIpSender(Gateway);
        bind = new MultiAddressEspBind(sender, Gateway);
        DataPlane = new IpsecDataPlane();
        L2tp = new ClientL2tp(DataPlane, Gateway, ByReqId, ppp);
        Kernel = new LoadKernel(DataPlane, bind, L2tp, FindSession);
        DataPlane.AttachBind(bind);
        IkeSocket = new MultiAddressIkeSocket(sender, FindSession);
        sweeper = TimeProvider.System.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public IPAddress Gateway { get; }

    public IkeEngineOptions IkeOptions { get; }

    public IkePolicy IkePolicy { get; }

    public ChildPolicy ChildPolicy { get; }

    public MultiAddressIkeSocket IkeSocket { get; }

    public LoadKernel Kernel { get; }

    public ClientL2tp L2tp { get; }

    public IpsecDataPlane DataPlane { get; }

    public LoadSession[] Sessions => sessions;

    public long DroppedCount => Interlocked.Read(ref dropped);

    public long RawSendFailures => sender.Failures;

    public long UnmappedEspSends => bind.UnmappedSends;

    /// <summary>Starts sessions first..first+count-1, at most <paramref name="concurrency"/> setting up at once; completes when all are up or failed, or at <paramref name="timeout"/>.</summary>
    public async Task<bool> RunBatch(int first, int count, int concurrency, TimeSpan timeout)
    {
        if (count == 0)
        {
            return true;
        }

        window = new SemaphoreSlim(concurrency);
        batchDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref batchRemaining, count);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            for (var i = first; i < first + count; i++)
            {
                await window.WaitAsync(cancel.Token);
                sessions[i].Start();
            }

            await batchDone.Task.WaitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A session came up or failed while starting: its place in the window is free.</summary>
    public void Finished(LoadSession session)
    {
        window?.Release();
        if (Interlocked.Decrement(ref batchRemaining) == 0)
        {
            batchDone?.TrySetResult();
        }
    }

    /// <summary>An established session went down.</summary>
    public void Dropped(LoadSession session) => Interlocked.Increment(ref dropped);

    public LoadSession? FindSession(IPAddress address)
    {
        var index = (long)Ipv4Packets.Number(address) - firstSource;
        return index >= 0 && index < sessions.Length ? sessions[index] : null;
    }

    public LoadSession? ByReqId(int reqId) => reqId >= 1 && reqId <= sessions.Length ? sessions[reqId - 1] : null;

    public void Dispose()
    {
        sweeper.Dispose();
        IkeSocket.Dispose();
        L2tp.Dispose();
        DataPlane.Dispose();
        sender.Dispose();
    }

    /// <summary>Sessions still setting up after the per-session timeout count as failed (in the stage they reached).</summary>
    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var session in sessions)
        {
            if (session.IsStarting && Stopwatch.GetElapsedTime(session.StartedTicks, now) > options.SessionTimeout)
            {
                session.TimedOut();
            }
        }
    }
}
