namespace Engine.Ike.Kernel;

/// <summary>The IPsec protocols by their IP protocol numbers (not the ISAKMP protocol ids 2 and 3).</summary>
public enum IpsecProtocol : byte
{
    Esp = 50,
    Ah = 51,
}
