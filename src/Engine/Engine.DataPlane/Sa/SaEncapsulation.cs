namespace Engine.DataPlane.Sa;

/// <summary>
/// How ESP packets of an SA travel. IKEv1's Encapsulation Mode attribute maps as: 1 (tunnel) and
/// 2 (transport) to <see cref="None"/>; 3 and 4 (UDP-Encapsulated-Tunnel/Transport, RFC 3947) and
/// the draft values 61443 and 61444 that older Windows and Apple clients send to <see cref="Udp"/>:
/// all four put ESP in UDP exactly as RFC 3948 describes, so the wire does not tell them apart.
/// </summary>
public enum SaEncapsulation
{
    /// <summary>Raw IP protocol 50 (or 51 for AH).</summary>
    None,

    /// <summary>ESP in UDP (RFC 3948), normally port 4500 on both sides; never valid for AH.</summary>
    Udp,
}
