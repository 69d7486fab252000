using Engine.L2tp.Ppp.Auth;
using IpSecPolicy.Model.Objects;

namespace Engine.Host.Vpn;

/// <summary>The model's PPP authentication methods as the PPP stack names them.</summary>
internal static class VpnAuthenticationMethods
{
    public static PppAuthenticationProtocol ToPpp(VpnAuthenticationMethod method) => method switch
    {
        VpnAuthenticationMethod.Chap => PppAuthenticationProtocol.Chap,
        VpnAuthenticationMethod.Pap => PppAuthenticationProtocol.Pap,
        _ => PppAuthenticationProtocol.MsChapV2,
    };
}
