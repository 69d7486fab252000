using System.Management.Automation;

namespace IpSecPolicy.Commands.Tests.Support;

/// <summary>Reads the model's error id out of an ErrorRecord ("FilterListInUse,IpSecPolicy.Commands...").</summary>
internal static class ModelErrors
{
    public static string Id(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];
}
