using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Ipsec;

/// <summary>
/// Both sides of the traffic an SA protects, seen from this host: ours, the peer's; and for a
/// UDP-encapsulated transport SA the peer's NAT-T port, because clients behind one NAT share
/// address and selectors and differ only there (each must keep a conversation of its own).
/// </summary>
internal readonly record struct SelectorPair(IkeSelector Local, IkeSelector Remote, int PeerNatPort = 0)
{
    public override string ToString() => $"{Local} <-> {Remote}";
}
