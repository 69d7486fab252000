using System.Collections.Generic;
using System.Threading;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Sad;

/// <summary>
/// The outbound SAs of one reqid. The newest usable one is <see cref="Current"/>: a rekey installs
/// the new SA and traffic moves to it at once, while the old one stays installed (unused) until
/// the host deletes it. When the current SA goes, the next newest takes over; with none left the
/// entries using this binding acquire again.
/// </summary>
internal sealed class OutboundSaBinding
{
    private readonly List<SecurityAssociation> installed = [];
    private SecurityAssociation? current;

    public OutboundSaBinding(int reqId, int holdLimit)
    {
        ReqId = reqId;
        Held = new HeldPacketQueue(holdLimit);
    }

    public int ReqId { get; }

    /// <summary>The SA to seal with; null while there is none (acquire).</summary>
    public SecurityAssociation? Current => Volatile.Read(ref current);

    public HeldPacketQueue Held { get; }

    /// <summary>Under the database's lock.</summary>
    public void Add(SecurityAssociation sa)
    {
        installed.Add(sa);
        Volatile.Write(ref current, sa);
    }

    /// <summary>Under the database's lock.</summary>
    public void Remove(SecurityAssociation sa)
    {
        installed.Remove(sa);
        SecurityAssociation? next = null;
        for (var i = installed.Count - 1; i >= 0; i--)
        {
            if (installed[i].IsUsable)
            {
                next = installed[i];
                break;
            }
        }

        Volatile.Write(ref current, next);
    }
}
