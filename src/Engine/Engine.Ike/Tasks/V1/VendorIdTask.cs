using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Sa;
using Engine.Ike.TaskManagement;
using Engine.Ike.Trace;

namespace Engine.Ike.Tasks.V1;

/// <summary>
/// Vendor IDs in main mode messages 1 and 2 (strongSwan's isakmp_vendor): ours say what we are and
/// can do (this engine, RFC 3706 DPD, RFC 3947 and the NAT-T drafts Windows and macOS still
/// send); the peer's are recognised (Windows "MS NT5 ISAKMPOAKLEY" with its version, NAT-T,
/// DPD, fragmentation) and decide the NAT-T dialect and whether DPD may be used.
/// </summary>
internal sealed class VendorIdTask : IIkeTask
{
    private readonly IkeSa sa;
    private readonly bool initiator;

    public VendorIdTask(IkeSa sa, bool initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    public string Name => "vendor IDs";

    /// <summary>The vendor IDs we send, in order.</summary>
    public static IReadOnlyList<KnownVendorId> Ours(IkeContext context)
    {
        var ours = new List<KnownVendorId> { VendorIdCatalog.IpSecPolicyEngine };
        if (context.Options.DeadPeerDetection.Enabled)
        {
            ours.Add(VendorIdCatalog.DeadPeerDetection);
        }

        if (context.Options.NatTraversal.Enabled)
        {
            ours.Add(VendorIdCatalog.NatTraversalRfc3947);
            ours.Add(VendorIdCatalog.NatTraversalDraft03);
            ours.Add(VendorIdCatalog.NatTraversalDraft02N);
            ours.Add(VendorIdCatalog.NatTraversalDraft02);
        }

        return ours;
    }

    public TaskStatus Build(OutgoingMessage message)
    {
        foreach (var vendorId in Ours(sa.Context))
        {
            message.Add(VendorIdPayload.Create(vendorId));
        }

        return initiator ? TaskStatus.NeedMore : TaskStatus.Done;
    }

    public TaskStatus Process(ReceivedMessage message)
    {
        foreach (var payload in message.FindAll<VendorIdPayload>())
        {
            var match = payload.Identify();
            if (match is null)
            {
                sa.Trace(IkeTraceCategory.Receive, $"unknown vendor ID {Convert.ToHexString(payload.Data.Span)}");
                continue;
            }

            Record(match);
        }

        var natTraversal = sa.Context.Options.NatTraversal.Enabled;
        sa.NatTraversal = !natTraversal ? NatTraversalVersion.None
            : sa.Peer.Rfc3947 ? NatTraversalVersion.Rfc3947
            : sa.Peer.NatTraversalDraft ? NatTraversalVersion.Draft
            : NatTraversalVersion.None;
        if (sa.Peer.VendorIds.Count > 0)
        {
            sa.Trace(IkeTraceCategory.Receive, $"peer vendor IDs: {string.Join(", ", sa.Peer.Describe())}; NAT-T {sa.NatTraversal}, DPD {(sa.Peer.DeadPeerDetection ? "yes" : "no")}");
        }

        return initiator ? TaskStatus.Done : TaskStatus.NeedMore;
    }

    public void Abort()
    {
    }

    private void Record(VendorIdMatch match)
    {
        sa.Peer.VendorIds.Add(match);
        switch (match.VendorId.Feature)
        {
            case VendorIdFeature.NatTraversalRfc3947:
                sa.Peer.Rfc3947 = true;
                break;
            case VendorIdFeature.NatTraversalDraft:
                sa.Peer.NatTraversalDraft = true;
                break;
            case VendorIdFeature.DeadPeerDetection:
                sa.Peer.DeadPeerDetection = true;
                break;
            case VendorIdFeature.IkeFragmentation:
                sa.Peer.Fragmentation = true;
                break;
        }

        if (match.VendorId == VendorIdCatalog.MicrosoftWindows && match.SuffixValue is { } version)
        {
            sa.Peer.WindowsVersion = VendorIdCatalog.WindowsVersionName(version);
        }
    }
}
