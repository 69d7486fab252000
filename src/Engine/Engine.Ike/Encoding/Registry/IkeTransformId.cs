namespace Engine.Ike.Encoding.Registry;

/// <summary>ISAKMP transform identifiers for PROTO_ISAKMP (RFC 2407 section 4.4.2).</summary>
public enum IkeTransformId : byte
{
    KeyIke = 1,
}
