using System.Net;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// What a Set-VpnUser call changes: each property left null keeps the stored value. The static
/// address and the description are tracked apart, because setting them to null (taking the user
/// back to the pool, clearing the text) is a change too.
/// </summary>
public sealed class VpnUserChange
{
    private IPAddress? staticAddress;
    private string? description;

    public string? NewName { get; set; }

    /// <summary>A new password; it replaces the stored one and sets PasswordLastSet.</summary>
    public Secret? Password { get; set; }

    public bool? Enabled { get; set; }

    /// <summary>The new static address, or null to give the user addresses from the pool again.</summary>
    public IPAddress? StaticAddress
    {
        get => staticAddress;
        set
        {
            staticAddress = value;
            ChangesStaticAddress = true;
        }
    }

    public bool ChangesStaticAddress { get; private set; }

    public string? Description
    {
        get => description;
        set
        {
            description = value;
            ChangesDescription = true;
        }
    }

    public bool ChangesDescription { get; private set; }
}
