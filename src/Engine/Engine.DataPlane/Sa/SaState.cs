namespace Engine.DataPlane.Sa;

/// <summary>Where an SA is in its life, as the host sees it.</summary>
public enum SaState
{
    /// <summary>Installed and carrying traffic.</summary>
    Active,

    /// <summary>A soft limit was reached and reported; it still works while IKE rekeys.</summary>
    SoftExpired,

    /// <summary>A hard limit was reached: removed from the data plane and no longer used.</summary>
    HardExpired,

    /// <summary>Deleted by the host.</summary>
    Deleted,
}
