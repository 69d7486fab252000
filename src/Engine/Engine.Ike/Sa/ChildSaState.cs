namespace Engine.Ike.Sa;

public enum ChildSaState
{
    /// <summary>Both directions are in the data plane.</summary>
    Installed,

    /// <summary>A replacement is being negotiated.</summary>
    Rekeying,

    /// <summary>A replacement is installed; this one stays a little longer for packets in flight.</summary>
    Replaced,

    /// <summary>Removed from the data plane.</summary>
    Deleted,
}
