using System.Management.Automation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Common;

/// <summary>Lets -MainModeSecurityMethod take "AES256-SHA256-14" strings as well as objects.</summary>
public sealed class MainModeMethodTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        Transformation.EachItem(inputData, text => MainModeMethod.Parse(text));
}
