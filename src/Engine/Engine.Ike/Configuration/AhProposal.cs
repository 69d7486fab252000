using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Configuration;

/// <summary>The AH part of a quick mode method: the AH transform and its matching HMAC attribute.</summary>
public sealed record AhProposal(AhTransformId Transform, IpsecAuthenticationAlgorithm Integrity)
{
    public override string ToString() => $"AH[{Integrity}]";
}
