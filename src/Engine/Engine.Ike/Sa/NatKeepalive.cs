using Engine.Ike.Network;
using Engine.Ike.Scheduling;
using Engine.Ike.Trace;

namespace Engine.Ike.Sa;

/// <summary>
/// NAT-T keepalives (RFC 3948 section 2.3): the side behind a NAT sends a one-byte 0xFF datagram
/// to the peer's NAT-T port every interval, so the NAT keeps the mapping that ESP-in-UDP uses.
/// </summary>
internal sealed class NatKeepalive
{
    private static readonly byte[] Keepalive = [Encoding.NatTraversalFraming.KeepaliveByte];
    private readonly IkeSa sa;
    private ScheduledJob? job;

    public NatKeepalive(IkeSa sa)
    {
        this.sa = sa;
    }

    public void Start()
    {
        if (sa.LocalBehindNat)
        {
            sa.Trace(IkeTraceCategory.State, $"behind a NAT: keepalives to {sa.Remote} every {sa.Context.Options.NatTraversal.KeepaliveInterval.TotalSeconds} s");
            Schedule();
        }
    }

    public void Stop() => job?.Cancel();

    private void Schedule() =>
        job = sa.Context.Scheduler.Schedule(sa.Context.Options.NatTraversal.KeepaliveInterval, "NAT-T keepalive", Send);

    private void Send()
    {
        if (sa.State != IkeSaState.Established)
        {
            return;
        }

        sa.Context.Transport.Send(new IkeDatagram(Keepalive, sa.Local, sa.Remote));
        Schedule();
    }
}
