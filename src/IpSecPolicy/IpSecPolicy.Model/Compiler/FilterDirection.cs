namespace IpSecPolicy.Model.Compiler;

/// <summary>Which direction of its source filter an effective filter stands for.</summary>
public enum FilterDirection
{
    /// <summary>Source and destination as the administrator wrote them.</summary>
    AsWritten,

    /// <summary>The exact opposite direction, made from a mirrored filter (addresses and ports swapped).</summary>
    Mirrored,
}
