using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Proposals;

/// <summary>
/// The attributes of one AH/ESP transform (RFC 2407 section 4.5) read into fields; unknown ones
/// (key rounds, compression, ESN, which this engine does not negotiate) are collected as reasons
/// to refuse the transform.
/// </summary>
internal sealed class IpsecTransformAttributes
{
    /// <summary>RFC 2407 section 4.5: without a lifetime, 28800 seconds.</summary>
    public const uint DefaultLifetimeSeconds = 28800;

    public uint? LifetimeSeconds { get; private init; }

    public uint? LifetimeKilobytes { get; private init; }

    public ushort? Group { get; private init; }

    public EncapsulationMode? Encapsulation { get; private init; }

    public IpsecAuthenticationAlgorithm? Authentication { get; private init; }

    public ushort KeyLengthBits { get; private init; }

    public IReadOnlyList<string> Unsupported { get; private init; } = [];

    public static IpsecTransformAttributes Parse(TransformPayload transform)
    {
        uint? seconds = null;
        uint? kilobytes = null;
        ushort? group = null;
        EncapsulationMode? encapsulation = null;
        IpsecAuthenticationAlgorithm? authentication = null;
        ushort keyLength = 0;
        SaLifeType? lifeType = null;
        var unsupported = new List<string>();
        foreach (var attribute in transform.Attributes)
        {
            switch ((IpsecAttributeType)attribute.Type)
            {
                case IpsecAttributeType.SaLifeType:
                    lifeType = (SaLifeType)attribute.BasicValue;
                    break;
                case IpsecAttributeType.SaLifeDuration when attribute.TryGetInteger(out var duration):
                    var clamped = (uint)Math.Min(duration, uint.MaxValue);
                    if (lifeType == SaLifeType.Seconds)
                    {
                        seconds = clamped;
                    }
                    else if (lifeType == SaLifeType.Kilobytes)
                    {
                        kilobytes = clamped;
                    }
                    else
                    {
                        unsupported.Add($"life type {(ushort?)lifeType}");
                    }

                    break;
                case IpsecAttributeType.GroupDescription:
                    group = attribute.BasicValue;
                    break;
                case IpsecAttributeType.EncapsulationMode:
                    encapsulation = (EncapsulationMode)attribute.BasicValue;
                    break;
                case IpsecAttributeType.AuthenticationAlgorithm:
                    authentication = (IpsecAuthenticationAlgorithm)attribute.BasicValue;
                    break;
                case IpsecAttributeType.KeyLength:
                    keyLength = attribute.BasicValue;
                    break;
                default:
                    unsupported.Add($"attribute {(IpsecAttributeType)attribute.Type}");
                    break;
            }
        }

        return new IpsecTransformAttributes
        {
            LifetimeSeconds = seconds,
            LifetimeKilobytes = kilobytes,
            Group = group,
            Encapsulation = encapsulation,
            Authentication = authentication,
            KeyLengthBits = keyLength,
            Unsupported = unsupported,
        };
    }
}
