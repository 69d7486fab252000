using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Methods;

/// <summary>
/// Makes a quick mode security method for -SecurityMethod, from algorithms or from netsh's text
/// form (ESP[AES256,SHA256]:100000k/3600s). It writes a value; nothing is stored.
/// </summary>
[Cmdlet(VerbsCommon.New, "IpSecSecurityMethod", DefaultParameterSetName = ByAlgorithm)]
[OutputType(typeof(SecurityMethod))]
public sealed class NewIpSecSecurityMethodCommand : IpSecCmdlet
{
    private const string ByAlgorithm = "ByAlgorithm";
    private const string ByText = "ByText";

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    public SecurityProtocol Protocol { get; set; } = SecurityProtocol.Esp;

    /// <summary>ESP's cipher, in netsh's spelling (3DES); None for integrity only.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    [EncryptionAlgorithmTransformation]
    [ArgumentCompleter(typeof(EncryptionAlgorithmCompleter))]
    public string Encryption { get; set; } = nameof(EncryptionAlgorithm.None);

    /// <summary>ESP's integrity algorithm (AH's for -Protocol Ah).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    [IntegrityAlgorithmTransformation]
    public IntegrityAlgorithm Integrity { get; set; } = IntegrityAlgorithm.None;

    /// <summary>AH's integrity algorithm, for -Protocol AhAndEsp only.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    [IntegrityAlgorithmTransformation]
    public IntegrityAlgorithm AhIntegrity { get; set; } = IntegrityAlgorithm.None;

    /// <summary>netsh's text form; the lifetime suffix is optional.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByText)]
    public string[] Text { get; set; } = System.Array.Empty<string>();

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(SecurityMethod.MinLifetimeKilobytes, SecurityMethod.MaxLifetimeKilobytes)]
    public long LifetimeKilobytes { get; set; } = SecurityMethod.DefaultLifetimeKilobytes;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(SecurityMethod.MinLifetimeSeconds, SecurityMethod.MaxLifetimeSeconds)]
    public int LifetimeSeconds { get; set; } = SecurityMethod.DefaultLifetimeSeconds;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByText)
        {
            foreach (var text in Text)
            {
                Try(() => WriteObject(WithGivenLifetime(SecurityMethod.Parse(text))));
            }

            return;
        }

        Try(() =>
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(AhIntegrity)) && Protocol != SecurityProtocol.AhAndEsp)
            {
                throw new PolicyException(ErrorIds.InvalidSecurityMethod, PolicyErrorCategory.InvalidArgument,
                    $"-AhIntegrity applies only to -Protocol AhAndEsp; for -Protocol {Protocol} give -Integrity.", AhIntegrity);
            }

            WriteObject(new SecurityMethod(Protocol, EncryptionAlgorithmTransformationAttribute.Parse(Encryption), Integrity, AhIntegrity, LifetimeKilobytes, LifetimeSeconds));
        });
    }

    /// <summary>Lifetimes given as parameters win over the text's (or its defaults).</summary>
    private SecurityMethod WithGivenLifetime(SecurityMethod method)
    {
        var bound = MyInvocation.BoundParameters;
        var kilobytes = bound.ContainsKey(nameof(LifetimeKilobytes)) ? LifetimeKilobytes : method.LifetimeKilobytes;
        var seconds = bound.ContainsKey(nameof(LifetimeSeconds)) ? LifetimeSeconds : method.LifetimeSeconds;
        return kilobytes == method.LifetimeKilobytes && seconds == method.LifetimeSeconds ? method : method.WithLifetime(kilobytes, seconds);
    }
}
