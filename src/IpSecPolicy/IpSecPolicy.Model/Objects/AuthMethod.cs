using System;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// One IKE authentication method of a rule, in preference order with the others. The pre-shared
/// key itself is held by the store apart from the policy, keyed by <see cref="Id"/>.
/// </summary>
public sealed class AuthMethod
{
    [JsonConstructor]
    public AuthMethod()
    {
    }

    public Guid Id { get; set; } = Guid.NewGuid();

    public AuthMethodKind Kind { get; set; }

    /// <summary>The root CA's distinguished name, for <see cref="AuthMethodKind.Certificate"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CertificateAuthority { get; set; }

    /// <summary>Map the peer's certificate to an account (netsh certmap).</summary>
    public bool CertificateMapping { get; set; }

    /// <summary>Leave the CA's name out of the certificate request (netsh excludecaname).</summary>
    public bool ExcludeCAName { get; set; }

    /// <summary>The key, masked; never serialized with the policy.</summary>
    [JsonIgnore]
    public Secret? PreSharedKey { get; set; }

    public static AuthMethod ForPreSharedKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Trim().Length == 0)
        {
            throw new PolicyException(ErrorIds.EmptyPreSharedKey, PolicyErrorCategory.InvalidArgument,
                "A pre-shared key cannot be empty.", nameof(PreSharedKey));
        }

        return new AuthMethod { Kind = AuthMethodKind.PreSharedKey, PreSharedKey = new Secret(key) };
    }

    public static AuthMethod ForCertificate(string certificateAuthority, bool mapping = false, bool excludeCAName = false)
    {
        if (string.IsNullOrWhiteSpace(certificateAuthority))
        {
            throw new PolicyException(ErrorIds.InvalidAuthMethod, PolicyErrorCategory.InvalidArgument,
                "A certificate method needs the root CA's distinguished name, e.g. 'CN=Contoso Root CA'.", certificateAuthority);
        }

        return new AuthMethod
        {
            Kind = AuthMethodKind.Certificate,
            CertificateAuthority = certificateAuthority.Trim(),
            CertificateMapping = mapping,
            ExcludeCAName = excludeCAName,
        };
    }

    public static AuthMethod ForKerberos() => new() { Kind = AuthMethodKind.Kerberos };

    public AuthMethod Clone() => (AuthMethod)MemberwiseClone();

    public override string ToString() => Kind switch
    {
        AuthMethodKind.Certificate => $"Certificate ({CertificateAuthority})",
        AuthMethodKind.PreSharedKey => "PreSharedKey",
        _ => "Kerberos",
    };
}
