using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Commands.Completion;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Methods;

/// <summary>
/// Makes a main mode (IKE) security method for -MainModeSecurityMethod, from algorithms or from
/// netsh's text form (AES256-SHA256-14). It writes a value; nothing is stored.
/// </summary>
// ByText is the default set: with mandatory by-property-name parameters in the default set,
// PowerShell would refuse a piped string instead of binding it to -Text.
[Cmdlet(VerbsCommon.New, "IpSecMainModeMethod", DefaultParameterSetName = ByText)]
[OutputType(typeof(MainModeMethod))]
public sealed class NewIpSecMainModeMethodCommand : IpSecCmdlet
{
    private const string ByAlgorithm = "ByAlgorithm";
    private const string ByText = "ByText";

    /// <summary>DES, 3DES, AES128, AES192 or AES256.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    [EncryptionAlgorithmTransformation]
    [ArgumentCompleter(typeof(MainModeEncryptionCompleter))]
    public string Encryption { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    [IntegrityAlgorithmTransformation]
    public IntegrityAlgorithm Hash { get; set; }

    /// <summary>1, 2, 5, 14, 15, 16, 19, 20, 21 or 31; also as DH14 or Group14.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByAlgorithm)]
    [DHGroupTransformation]
    [ArgumentCompleter(typeof(DHGroupCompleter))]
    public string DHGroup { get; set; } = string.Empty;

    /// <summary>cipher-hash-group, as netsh writes mmsecmethods.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByText)]
    public string[] Text { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByText)
        {
            foreach (var text in Text)
            {
                Try(() => WriteObject(MainModeMethod.Parse(text)));
            }

            return;
        }

        Try(() => WriteObject(new MainModeMethod(
            EncryptionAlgorithmTransformationAttribute.Parse(Encryption), Hash, DHGroupTransformationAttribute.Parse(DHGroup))));
    }
}
