namespace Engine.DataPlane.Sa;

/// <summary>Which way an SA protects traffic. IPsec SAs are one-way; IKE installs them in pairs.</summary>
public enum SaDirection
{
    /// <summary>From the peer to us: its SPI is one we chose, and packets are opened with it.</summary>
    Inbound,

    /// <summary>From us to the peer: its SPI is the peer's choice, and packets are sealed with it.</summary>
    Outbound,
}
