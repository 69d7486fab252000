namespace IpSecPolicy.Model.Objects;

/// <summary>Which adapters a rule applies to (netsh conntype all|lan|dialup).</summary>
public enum ConnectionType
{
    All,
    Lan,
    RemoteAccess,
}
