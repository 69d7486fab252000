namespace IpSecPolicy.Model.Operations;

/// <summary>What an import does to one object of the store.</summary>
public enum ImportChange
{
    /// <summary>No object of that name exists; it is added.</summary>
    Create,

    /// <summary>An object of that name exists and differs; the document's version replaces it.</summary>
    Update,

    /// <summary>An object of that name exists and is the same; it is left as it is.</summary>
    Unchanged,
}
