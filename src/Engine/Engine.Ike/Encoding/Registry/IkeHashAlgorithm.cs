namespace Engine.Ike.Encoding.Registry;

/// <summary>Phase-1 hash algorithms, RFC 2409 Appendix A (1-3) and RFC 4868 section 4 (4-6).</summary>
public enum IkeHashAlgorithm : ushort
{
    Md5 = 1,
    Sha1 = 2,
    Tiger = 3,
    Sha2_256 = 4,
    Sha2_384 = 5,
    Sha2_512 = 6,
}
