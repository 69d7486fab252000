using System.Management.Automation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Common;

/// <summary>Lets an IntegrityAlgorithm parameter take "SHA-256" and the like as well as the enum names.</summary>
public sealed class IntegrityAlgorithmTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text)
        {
            return value;
        }

        if (AlgorithmNames.TryParseIntegrity(text, out var algorithm))
        {
            return algorithm;
        }

        throw new ArgumentTransformationMetadataException(
            $"'{text}' is not an integrity algorithm. Use None, MD5, SHA1, SHA256, SHA384 or SHA512.");
    }
}
