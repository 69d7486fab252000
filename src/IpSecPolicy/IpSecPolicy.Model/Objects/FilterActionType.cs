namespace IpSecPolicy.Model.Objects;

/// <summary>What a filter action does with matching traffic.</summary>
public enum FilterActionType
{
    Permit,
    Block,
    Negotiate,
}
