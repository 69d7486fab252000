using System.Collections;
using System.Net;

namespace Engine.Ike.Sa;

/// <summary>
/// The engine's ISAKMP SAs, oldest first, with indexes by initiator cookie (every received
/// datagram looks its SA up) and by the peer's address (INITIAL-CONTACT, DPD, the SA for a quick
/// mode): with thousands of peers a scan of all SAs per message was most of a setup's work.
/// </summary>
internal sealed class IkeSaTable : IReadOnlyCollection<IkeSa>
{
    private readonly List<IkeSa> all = [];
    private readonly SaIndex<ulong, IkeSa> byCookie = new();
    private readonly SaIndex<IPAddress, IkeSa> byPeer = new();

    public int Count => all.Count;

    public void Add(IkeSa sa)
    {
        all.Add(sa);
        byCookie.Add(sa.InitiatorCookie, sa);
        byPeer.Add(sa.Remote.Address, sa);
    }

    public void Remove(IkeSa sa)
    {
        if (all.Remove(sa))
        {
            byCookie.Remove(sa.InitiatorCookie, sa);
            byPeer.Remove(sa.Remote.Address, sa);
        }
    }

    /// <summary>The SAs whose initiator cookie is <paramref name="cookie"/>, oldest first.</summary>
    public SaIndex<ulong, IkeSa>.Matches WithInitiatorCookie(ulong cookie) => byCookie.Get(cookie);

    /// <summary>The SAs with the peer at <paramref name="peer"/>, oldest first.</summary>
    public SaIndex<IPAddress, IkeSa>.Matches WithPeer(IPAddress peer) => byPeer.Get(peer);

    /// <summary>An SA's peer moved to another address (a NAT's new mapping): the index follows.</summary>
    public void OnPeerAddressChanged(IkeSa sa, IPAddress previous)
    {
        var matches = byPeer.Get(previous);
        for (var i = 0; i < matches.Count; i++)
        {
            if (ReferenceEquals(matches[i], sa))
            {
                byPeer.Remove(previous, sa);
                byPeer.Add(sa.Remote.Address, sa);
                return;
            }
        }
    }

    public List<IkeSa>.Enumerator GetEnumerator() => all.GetEnumerator();

    IEnumerator<IkeSa> IEnumerable<IkeSa>.GetEnumerator() => all.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => all.GetEnumerator();
}
