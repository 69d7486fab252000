namespace Engine.Ike.Configuration;

/// <summary>
/// NAT traversal (RFC 3947/3948 and the drafts Windows and macOS still speak). When enabled the
/// engine announces the NAT-T vendor IDs, sends NAT-D, floats to <see cref="NatTraversalPort"/>
/// once a NAT is seen and keeps the mapping open with keepalives from the side behind it.
/// </summary>
public sealed class NatTraversalSettings
{
    public bool Enabled { get; init; } = true;

    public ushort IkePort { get; init; } = 500;

    public ushort NatTraversalPort { get; init; } = 4500;

    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromSeconds(20);
}
