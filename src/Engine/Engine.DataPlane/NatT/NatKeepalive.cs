using System;

namespace Engine.DataPlane.NatT;

/// <summary>
/// The NAT keepalive (RFC 3948 section 2.3): one 0xFF byte to the peer's port 4500, sent by the
/// side behind a NAT when nothing else went out for a while (20 s by default), so that the NAT
/// keeps the mapping. Receivers ignore it.
/// </summary>
internal static class NatKeepalive
{
    /// <summary>The datagram, shared and never written: binds only read what they send.</summary>
    public static ReadOnlySpan<byte> Datagram => [UdpEncapsulation.KeepaliveByte];
}
