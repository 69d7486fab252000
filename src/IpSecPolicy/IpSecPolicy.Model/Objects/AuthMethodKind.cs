namespace IpSecPolicy.Model.Objects;

/// <summary>The IKE authentication methods of a rule (netsh: kerberos, rootca, psk).</summary>
public enum AuthMethodKind
{
    Kerberos,
    Certificate,
    PreSharedKey,
}
