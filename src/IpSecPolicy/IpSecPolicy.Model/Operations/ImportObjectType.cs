namespace IpSecPolicy.Model.Operations;

/// <summary>The kinds of store object a policy document holds.</summary>
public enum ImportObjectType
{
    Policy,
    FilterList,
    FilterAction,
}
