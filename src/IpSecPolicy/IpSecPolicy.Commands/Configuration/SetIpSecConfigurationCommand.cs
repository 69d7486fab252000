using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using Settings = IpSecPolicy.Model.Objects.Configuration;

namespace IpSecPolicy.Commands.Configuration;

/// <summary>
/// Changes engine-wide settings (netsh ipsec dynamic set config and Windows' IPsec registry
/// values). Only the given parameters change; the values keep Windows' meanings and ranges.
/// </summary>
[Cmdlet(VerbsCommon.Set, "IpSecConfiguration", SupportsShouldProcess = true)]
[OutputType(typeof(Settings))]
public sealed class SetIpSecConfigurationCommand : IpSecCmdlet
{
    /// <summary>ipsecexempt: 0-3; 3 exempts only IKE.</summary>
    [Parameter]
    [ValidateRange(Settings.MinDefaultExemption, Settings.MaxDefaultExemption)]
    public int DefaultExemption { get; set; }

    /// <summary>0 off, 1 fail if revoked, 2 fail on any CRL error.</summary>
    [Parameter]
    [ValidateRange(Settings.MinStrongCrlCheck, Settings.MaxStrongCrlCheck)]
    public int StrongCrlCheck { get; set; }

    [Parameter]
    public SwitchParameter IkeLogging { get; set; }

    [Parameter]
    [ValidateRange(Settings.MinFallbackToClearSeconds, Settings.MaxFallbackToClearSeconds)]
    public int FallbackToClearSeconds { get; set; }

    [Parameter]
    [ValidateRange(Settings.MinNegotiationFailureBlockSeconds, Settings.MaxNegotiationFailureBlockSeconds)]
    public int NegotiationFailureBlockSeconds { get; set; }

    [Parameter]
    [ValidateRange(Settings.MinIdleSaSeconds, Settings.MaxIdleSaSeconds)]
    public int IdleSaSeconds { get; set; }

    [Parameter]
    public NatTraversalMode NatTraversal { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var bound = MyInvocation.BoundParameters;
        var change = new ConfigurationChange
        {
            DefaultExemption = bound.ContainsKey(nameof(DefaultExemption)) ? DefaultExemption : null,
            StrongCrlCheck = bound.ContainsKey(nameof(StrongCrlCheck)) ? StrongCrlCheck : null,
            IkeLogging = bound.ContainsKey(nameof(IkeLogging)) ? IkeLogging.IsPresent : null,
            FallbackToClearSeconds = bound.ContainsKey(nameof(FallbackToClearSeconds)) ? FallbackToClearSeconds : null,
            NegotiationFailureBlockSeconds = bound.ContainsKey(nameof(NegotiationFailureBlockSeconds)) ? NegotiationFailureBlockSeconds : null,
            IdleSaSeconds = bound.ContainsKey(nameof(IdleSaSeconds)) ? IdleSaSeconds : null,
            NatTraversal = bound.ContainsKey(nameof(NatTraversal)) ? NatTraversal : null,
        };

        if (!ShouldProcess(Store.Directory, "Set IPsec configuration"))
        {
            return;
        }

        Try(() =>
        {
            var configuration = Store.Update(document => document.ChangeConfiguration(change));
            if (PassThru)
            {
                WriteObject(configuration);
            }
        });
    }
}
