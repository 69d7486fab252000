using System.Net;

namespace Engine.Host.Vpn;

/// <summary>A UDP packet's endpoints and where its payload lies in the packet.</summary>
internal readonly record struct UdpPacketView(IPEndPoint Source, IPEndPoint Destination, int PayloadOffset, int PayloadLength);
