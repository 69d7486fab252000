namespace IpSecPolicy.Model.Compiler;

/// <summary>The packet field an effective filter did not match.</summary>
public enum PacketField
{
    AddressFamily,
    SourceAddress,
    DestinationAddress,
    Protocol,
    SourcePort,
    DestinationPort,
}
