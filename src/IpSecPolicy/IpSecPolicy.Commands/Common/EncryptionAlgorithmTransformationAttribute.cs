using System.Management.Automation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Lets -Encryption take netsh's spelling "3DES" (the enum value is TripleDES, since an identifier
/// cannot start with a digit) as well as the enum names and values, and hands the parameter the
/// netsh spelling. The parameter is a string on purpose: PowerShell completes an enum-typed
/// parameter from the enum's names before it asks an ArgumentCompleter, so an enum parameter
/// could never offer "3DES" on Tab.
/// </summary>
public sealed class EncryptionAlgorithmTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case EncryptionAlgorithm algorithm:
                return AlgorithmNames.Format(algorithm);
            case string text when AlgorithmNames.TryParseEncryption(text, out var parsed):
                return AlgorithmNames.Format(parsed);
            default:
                throw new ArgumentTransformationMetadataException(
                    $"'{value}' is not an encryption algorithm. Use None, DES, 3DES, AES128, AES192, AES256, AESGCM128 or AESGCM256.");
        }
    }

    /// <summary>The algorithm a transformed (or default) parameter value names.</summary>
    public static EncryptionAlgorithm Parse(string text) =>
        AlgorithmNames.TryParseEncryption(text, out var algorithm)
            ? algorithm
            : throw new ArgumentTransformationMetadataException($"'{text}' is not an encryption algorithm.");
}
