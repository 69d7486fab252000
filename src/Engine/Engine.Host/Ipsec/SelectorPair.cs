using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Ipsec;

/// <summary>Both sides of the traffic an SA protects, seen from this host: ours, the peer's.</summary>
internal readonly record struct SelectorPair(IkeSelector Local, IkeSelector Remote)
{
    public override string ToString() => $"{Local} <-> {Remote}";
}
