namespace Engine.Ike.Encoding.Registry;

/// <summary>Phase-1 Group Type attribute values (RFC 2409 Appendix A).</summary>
public enum IkeGroupType : ushort
{
    Modp = 1,
    Ecp = 2,
    Ec2n = 3,
}
