using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Proposals;

/// <summary>RESPONDER-LIFETIME (RFC 2407 section 4.6.3.1): the lifetimes a responder shortened, read from the notification's attributes.</summary>
internal static class ResponderLifetime
{
    public static (uint? Seconds, uint? Kilobytes) Read(NotificationPayload notify)
    {
        uint? seconds = null;
        uint? kilobytes = null;
        SaLifeType? type = null;
        foreach (var attribute in notify.GetLifetimeAttributes())
        {
            if (attribute.Type == (ushort)IpsecAttributeType.SaLifeType)
            {
                type = (SaLifeType)attribute.BasicValue;
            }
            else if (attribute.Type == (ushort)IpsecAttributeType.SaLifeDuration && attribute.TryGetInteger(out var value))
            {
                var clamped = (uint)Math.Min(value, uint.MaxValue);
                if (type == SaLifeType.Seconds)
                {
                    seconds = clamped;
                }
                else if (type == SaLifeType.Kilobytes)
                {
                    kilobytes = clamped;
                }
            }
        }

        return (seconds, kilobytes);
    }
}
