using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using Settings = IpSecPolicy.Model.Objects.Configuration;

namespace IpSecPolicy.Commands.Configuration;

/// <summary>Shows the engine-wide settings (netsh ipsec dynamic show config).</summary>
[Cmdlet(VerbsCommon.Get, "IpSecConfiguration")]
[OutputType(typeof(Settings))]
public sealed class GetIpSecConfigurationCommand : IpSecCmdlet
{
    protected override void ProcessRecord() => Try(() => WriteObject(Store.Read().Configuration));
}
