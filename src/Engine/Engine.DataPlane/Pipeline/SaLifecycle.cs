using System.Threading;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Sad;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// Ends SAs: deletion by the host and hard expiry both take the SA out of the SAD and retire its
/// crypto contexts; soft expiry only reports. Each expiry is reported once, from whichever thread
/// saw the limit first.
/// </summary>
internal sealed class SaLifecycle
{
    private readonly SecurityAssociationDatabase database;
    private readonly IDataPlaneEvents events;
    private long additions;
    private long deletions;

    public SaLifecycle(SecurityAssociationDatabase database, IDataPlaneEvents events)
    {
        this.database = database;
        this.events = events;
    }

    public long Additions => Interlocked.Read(ref additions);

    public long Deletions => Interlocked.Read(ref deletions);

    public OutboundSaBinding? Add(SecurityAssociation sa)
    {
        var binding = database.Add(sa);
        Interlocked.Increment(ref additions);
        return binding;
    }

    public void LimitReached(SecurityAssociation sa, ExpiryReason reason, bool hard)
    {
        if (!sa.TryMarkExpired(hard))
        {
            return;
        }

        if (hard)
        {
            Retire(sa);
        }

        events.SaExpired(new SaExpiry(sa, hard, reason));
    }

    public bool Delete(SecurityAssociation sa)
    {
        sa.TryMarkDeleted();
        return Retire(sa);
    }

    private bool Retire(SecurityAssociation sa)
    {
        if (!database.Remove(sa))
        {
            return false;
        }

        Interlocked.Increment(ref deletions);
        sa.Crypto.Dispose();
        return true;
    }
}
