using System.Collections;
using System.Net;

namespace Engine.Ike.Sa;

/// <summary>
/// The engine's installed quick mode SAs, oldest first, with an index by the peer's address (the
/// SAs a new one replaces, INITIAL-CONTACT, DPD, a peer's DELETE), so that installing one SA does
/// not scan every other.
/// </summary>
internal sealed class ChildSaTable : IReadOnlyCollection<ChildSa>
{
    private readonly List<ChildSa> all = [];
    private readonly SaIndex<IPAddress, ChildSa> byPeer = new();

    public int Count => all.Count;

    public void Add(ChildSa child)
    {
        all.Add(child);
        byPeer.Add(child.Remote.Address, child);
    }

    public void Remove(ChildSa child)
    {
        if (all.Remove(child))
        {
            byPeer.Remove(child.Remote.Address, child);
        }
    }

    /// <summary>The SAs with the peer at <paramref name="peer"/>, oldest first.</summary>
    public SaIndex<IPAddress, ChildSa>.Matches WithPeer(IPAddress peer) => byPeer.Get(peer);

    public List<ChildSa>.Enumerator GetEnumerator() => all.GetEnumerator();

    IEnumerator<ChildSa> IEnumerable<ChildSa>.GetEnumerator() => all.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => all.GetEnumerator();
}
