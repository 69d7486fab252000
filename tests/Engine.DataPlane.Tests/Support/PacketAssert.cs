using System.Net.Sockets;

namespace Engine.DataPlane.Tests.Support;

/// <summary>Compares a packet that went through IPsec with the one that was sent.</summary>
public static class PacketAssert
{
    /// <summary>
    /// Tunnel mode delivers the inner packet unchanged. Transport mode delivers a rebuilt header:
    /// same version, addresses (unless a NAT changed them: the expected ones are then given),
    /// protocol and payload, with a valid header checksum and transport checksum.
    /// </summary>
    public static void Delivered(byte[] sent, byte[] delivered, bool tunnel, System.Net.IPAddress? expectedSource = null, System.Net.IPAddress? expectedDestination = null)
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
        var destination = expectedDestination?.GetAddressBytes() ?? sent.AsSpan(addressOffset + addressLength, addressLength).ToArray();
        Assert.Equal(Hex.String(destination), Hex.String(delivered.AsSpan(addressOffset + addressLength, addressLength)));
        if (version == 4)
        {
            Assert.Equal(0, TestPackets.Fold(TestPackets.AddWords(0, delivered.AsSpan(0, 20))));
        }

        // Behind a NAT the transport checksum was recomputed; everything else is the same.
        var protocol = version == 4 ? sent[9] : sent[6];
        var checksumOffset = protocol == 6 ? 16 : protocol == 17 ? 6 : -1;
        var expectedUpper = sent.AsSpan(headerLength).ToArray();
        var actualUpper = delivered.AsSpan(headerLength).ToArray();
        if ((expectedSource ?? expectedDestination) is not null && checksumOffset >= 0)
        {
            expectedUpper[checksumOffset] = expectedUpper[checksumOffset + 1] = 0;
            actualUpper[checksumOffset] = actualUpper[checksumOffset + 1] = 0;
        }

        Assert.Equal(Hex.String(expectedUpper), Hex.String(actualUpper));
        Assert.True(TestPackets.TransportChecksumValid(delivered), "transport checksum");
    }

    public static AddressFamily Family(byte[] packet) => packet[0] >> 4 == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
}
