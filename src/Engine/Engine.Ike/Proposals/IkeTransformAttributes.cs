using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Proposals;

/// <summary>
/// The attributes of one ISAKMP transform (RFC 2409 appendix A) read into fields. Attributes this
/// engine does not implement (a PRF, a custom group) are collected so the transform can be
/// refused with a reason.
/// </summary>
internal sealed class IkeTransformAttributes
{
    /// <summary>RFC 2407 section 4.5: without a lifetime, 8 hours.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(28800);

    public IkeEncryptionAlgorithm? Encryption { get; private init; }

    public ushort KeyLengthBits { get; private init; }

    public IkeHashAlgorithm? Hash { get; private init; }

    public IkeAuthenticationMethod? Authentication { get; private init; }

    public ushort? Group { get; private init; }

    public TimeSpan? LifetimeSeconds { get; private init; }

    public ulong? LifetimeKilobytes { get; private init; }

    public IReadOnlyList<string> Unsupported { get; private init; } = [];

    public static IkeTransformAttributes Parse(TransformPayload transform)
    {
        IkeEncryptionAlgorithm? encryption = null;
        IkeHashAlgorithm? hash = null;
        IkeAuthenticationMethod? authentication = null;
        ushort? group = null;
        ushort keyLength = 0;
        TimeSpan? seconds = null;
        ulong? kilobytes = null;
        var unsupported = new List<string>();
        SaLifeType? lifeType = null;
        foreach (var attribute in transform.Attributes)
        {
            switch ((IkeAttributeType)attribute.Type)
            {
                case IkeAttributeType.EncryptionAlgorithm:
                    encryption = (IkeEncryptionAlgorithm)attribute.BasicValue;
                    break;
                case IkeAttributeType.HashAlgorithm:
                    hash = (IkeHashAlgorithm)attribute.BasicValue;
                    break;
                case IkeAttributeType.AuthenticationMethod:
                    authentication = (IkeAuthenticationMethod)attribute.BasicValue;
                    break;
                case IkeAttributeType.GroupDescription:
                    group = attribute.BasicValue;
                    break;
                case IkeAttributeType.KeyLength:
                    keyLength = attribute.BasicValue;
                    break;
                case IkeAttributeType.LifeType:
                    lifeType = (SaLifeType)attribute.BasicValue;
                    break;
                case IkeAttributeType.LifeDuration when attribute.TryGetInteger(out var duration):
                    if (lifeType == SaLifeType.Seconds)
                    {
                        seconds = TimeSpan.FromSeconds(Math.Min(duration, (ulong)int.MaxValue));
                    }
                    else if (lifeType == SaLifeType.Kilobytes)
                    {
                        kilobytes = duration;
                    }
                    else
                    {
                        unsupported.Add($"life type {(ushort?)lifeType}");
                    }

                    break;
                default:
                    unsupported.Add($"attribute {(IkeAttributeType)attribute.Type}");
                    break;
            }
        }

        return new IkeTransformAttributes
        {
            Encryption = encryption,
            KeyLengthBits = keyLength,
            Hash = hash,
            Authentication = authentication,
            Group = group,
            LifetimeSeconds = seconds,
            LifetimeKilobytes = kilobytes,
            Unsupported = unsupported,
        };
    }

    public override string ToString() =>
        $"{Encryption?.ToString() ?? "no cipher"}{(KeyLengthBits == 0 ? string.Empty : $"-{KeyLengthBits}")}/{Hash?.ToString() ?? "no hash"}/DH{Group?.ToString() ?? "?"}/{Authentication?.ToString() ?? "no auth"}";
}
