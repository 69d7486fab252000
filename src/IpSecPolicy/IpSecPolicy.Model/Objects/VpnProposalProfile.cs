namespace IpSecPolicy.Model.Objects;

/// <summary>
/// Which built-in L2TP/IPsec client a VPN connection imitates: the main mode and quick mode
/// proposals it offers (<see cref="Values.VpnClientProposals"/> lists them).
/// </summary>
public enum VpnProposalProfile
{
    /// <summary>Strong first, then everything a gateway for the built-in clients accepts.</summary>
    Default,
    Windows10,
    Windows11,
    WindowsXP,
    MacOS,
    IOS,
    Android,
}
