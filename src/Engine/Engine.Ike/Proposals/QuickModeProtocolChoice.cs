using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Proposals;

/// <summary>One protocol (AH or ESP) of a chosen quick mode proposal: the peer's SPI and the transform taken.</summary>
internal sealed record QuickModeProtocolChoice(IsakmpProtocolId Protocol, uint PeerSpi, TransformPayload Transform);
