using System.Net.Sockets;

namespace Engine.DataPlane.Tests.Support;

/// <summary>Compares a packet that went through IPsec with the one that was sent.</summary>
public static class PacketAssert
{
    /// <summary>
    /// Tunnel mode delivers the inner packet unchanged. Transport mode delivers a rebuilt header:
    /// same version, addresses (unless <paramref name="expectedSource"/> says the NAT changed the
    /// source), protocol and payload, with a valid header checksum and transport checksum.
    /// </summary>
    public static void Delivered(byte[] sent, byte[] delivered, bool tunnel, System.Net.IPAddress? expectedSource = null)
    {
        if (tunnel)
        {
            Assert.Equal(Hex.String(sent), Hex.String(delivered));
            return;
        }

        var version = sent[0] >> 4;
        Assert.Equal(version, delivered[0] >> 4);
        var headerLength = version == 4 ? 20 : 40;
        Assert.Equal(sent.Length, delivered.Length);
        Assert.Equal(version == 4 ? sent[9] : sent[6], version == 4 ? delivered[9] : delivered[6]);
        var addressOffset = version == 4 ? 12 : 8;
        var addressLength = version == 4 ? 4 : 16;
        var source = expectedSource?.GetAddressBytes() ?? sent.AsSpan(addressOffset, addressLength).ToArray();
        Assert.Equal(Hex.String(source), Hex.String(delivered.AsSpan(addressOffset, addressLength)));
        Assert.Equal(Hex.String(sent.AsSpan(addressOffset + addressLength, addressLength)), Hex.String(delivered.AsSpan(addressOffset + addressLength, addressLength)));
        if (version == 4)
        {
            Assert.Equal(0, TestPackets.Fold(TestPackets.AddWords(0, delivered.AsSpan(0, 20))));
        }

        if (expectedSource is null)
        {
            Assert.Equal(Hex.String(sent.AsSpan(headerLength)), Hex.String(delivered.AsSpan(headerLength)));
        }
        else
        {
            // Behind a NAT the checksum was recomputed; everything after it is the same.
            Assert.Equal(Hex.String(sent.AsSpan(headerLength + 8)), Hex.String(delivered.AsSpan(headerLength + 8)));
        }

        Assert.True(TestPackets.TransportChecksumValid(delivered), "transport checksum");
    }

    public static AddressFamily Family(byte[] packet) => packet[0] >> 4 == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
}
