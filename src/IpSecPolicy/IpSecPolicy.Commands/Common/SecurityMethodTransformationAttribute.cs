using System.Management.Automation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Common;

/// <summary>Lets -SecurityMethod take netsh strings ("ESP[AES256,SHA256]:100000k/3600s") as well as objects.</summary>
public sealed class SecurityMethodTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        Transformation.EachItem(inputData, text => SecurityMethod.Parse(text));
}
