namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// Life Type values; the phase-1 attribute (RFC 2409 Appendix A) and the IPsec DOI SA Life Type
/// (RFC 2407 section 4.5) share them.
/// </summary>
public enum SaLifeType : ushort
{
    Seconds = 1,
    Kilobytes = 2,
}
