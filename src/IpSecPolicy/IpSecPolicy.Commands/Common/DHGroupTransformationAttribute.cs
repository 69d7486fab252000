using System;
using System.Globalization;
using System.Management.Automation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Lets -DHGroup take 14, "14", "DH14", "Group14" or DHGroup.Group14 alike, refuses unsupported
/// groups at binding, and hands the parameter the group's number as text. The parameter is a
/// string so that Tab offers the numbers netsh writes rather than the enum's names.
/// </summary>
public sealed class DHGroupTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        var text = value switch
        {
            string s => s,
            DHGroup group => ((int)group).ToString(CultureInfo.InvariantCulture),
            byte or sbyte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => null,
        };

        if (text is not null && AlgorithmNames.TryParseDHGroup(text, out var parsed))
        {
            return AlgorithmNames.Format(parsed);
        }

        throw new ArgumentTransformationMetadataException(
            $"'{value}' is not a supported Diffie-Hellman group. Use 1, 2, 5, 14, 15, 16, 19, 20, 21 or 31 (also as DH14 or Group14).");
    }

    /// <summary>The group a transformed parameter value names.</summary>
    public static DHGroup Parse(string text) =>
        AlgorithmNames.TryParseDHGroup(text, out var group)
            ? group
            : throw new ArgumentTransformationMetadataException($"'{text}' is not a supported Diffie-Hellman group.");
}
