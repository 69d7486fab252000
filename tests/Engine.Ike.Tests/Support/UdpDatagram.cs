namespace Engine.Ike.Tests.Support;

/// <summary>A UDP payload with its ports, as read from a capture.</summary>
public sealed record UdpDatagram(ushort SourcePort, ushort DestinationPort, byte[] Payload);
