using System.Management.Automation;
using System.Security;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.AuthMethods;

/// <summary>
/// Makes one authentication method for -AuthMethod of New-/Set-IpSecRule and
/// Set-IpSecDefaultResponseRule (netsh kerberos=, rootca=, psk=). Nothing is written to the store
/// until a rule takes the method. A pre-shared key comes in as a SecureString and never shows again.
/// </summary>
[Cmdlet(VerbsCommon.New, "IpSecAuthMethod", DefaultParameterSetName = Certificate)]
[OutputType(typeof(AuthMethod))]
public sealed class NewIpSecAuthMethodCommand : IpSecCmdlet
{
    private const string PreSharedKeySet = "PreSharedKey";
    private const string Certificate = "Certificate";
    private const string KerberosSet = "Kerberos";

    [Parameter(Mandatory = true, ParameterSetName = PreSharedKeySet)]
    public SecureString? PreSharedKey { get; set; }

    /// <summary>Root CA distinguished names; each gives one method, in order (netsh rootca, repeatable).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = Certificate)]
    [ValidateNotNullOrEmpty]
    public string[] CertificateAuthority { get; set; } = System.Array.Empty<string>();

    [Parameter(ParameterSetName = Certificate, ValueFromPipelineByPropertyName = true)]
    public SwitchParameter CertificateMapping { get; set; }

    [Parameter(ParameterSetName = Certificate, ValueFromPipelineByPropertyName = true)]
    public SwitchParameter ExcludeCAName { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KerberosSet)]
    public SwitchParameter Kerberos { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PreSharedKeySet:
                Try(() => WriteObject(AuthMethod.ForPreSharedKey(SecureStringText.Read(PreSharedKey!))));
                break;
            case KerberosSet:
                WriteWarning("Kerberos needs an Active Directory domain: the IpSecPolicy engine on Linux cannot use it, and Test-IpSecPolicy reports it. "
                    + "Use it for policies meant for Windows peers, or prefer -CertificateAuthority or -PreSharedKey.");
                WriteObject(AuthMethod.ForKerberos());
                break;
            default:
                foreach (var authority in CertificateAuthority)
                {
                    Try(() => WriteObject(AuthMethod.ForCertificate(authority, CertificateMapping, ExcludeCAName)));
                }

                break;
        }
    }
}
