using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Proposals;
using Engine.Ike.Sa;
using Engine.Ike.Selectors;

namespace Engine.Ike.Tasks.V1;

/// <summary>Everything a finished quick mode agreed on, which <see cref="ChildSaInstaller"/> turns into SAs.</summary>
internal sealed record NegotiatedQuickMode(
    ChildPolicy Policy,
    TrafficSelector Local,
    TrafficSelector Remote,
    bool IsInitiator,
    QuickModeSelection Selection,
    IReadOnlyDictionary<IsakmpProtocolId, uint> OurSpis,
    byte[] PfsSecret,
    bool Pfs,
    byte[] InitiatorNonce,
    byte[] ResponderNonce,
    uint LifetimeSeconds,
    uint LifetimeKilobytes,
    EncapsulationMode Encapsulation,
    IPAddress? PeerOriginalAddress,
    ChildSa? Replaces);
