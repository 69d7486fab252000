using System;
using System.Globalization;

namespace IpSecPolicy.Model.Values;

/// <summary>The netsh spellings of algorithm names, both ways.</summary>
public static class AlgorithmNames
{
    public static string Format(EncryptionAlgorithm value) => value == EncryptionAlgorithm.TripleDES ? "3DES" : value.ToString();

    public static bool TryParseEncryption(string text, out EncryptionAlgorithm value)
    {
        var t = text.Trim().Replace("-", string.Empty);
        if (t.Equals("3DES", StringComparison.OrdinalIgnoreCase) || t.Equals("DES3", StringComparison.OrdinalIgnoreCase))
        {
            value = EncryptionAlgorithm.TripleDES;
            return true;
        }

        return TryParseEnum(t, out value);
    }

    public static bool TryParseIntegrity(string text, out IntegrityAlgorithm value) =>
        TryParseEnum(text.Trim().Replace("-", string.Empty), out value);

    /// <summary>Accepts 14, DH14, Group14 and MODP-less spellings alike.</summary>
    public static bool TryParseDHGroup(string text, out DHGroup value)
    {
        var t = text.Trim();
        foreach (var prefix in new[] { "group", "dh" })
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                t = t.Substring(prefix.Length);
            }
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined(typeof(DHGroup), number))
        {
            value = (DHGroup)number;
            return true;
        }

        value = default;
        return false;
    }

    public static string Format(DHGroup value) => ((int)value).ToString(CultureInfo.InvariantCulture);

    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct
    {
        // Enum.TryParse accepts numbers too; only names are meant here.
        if (text.Length > 0 && !char.IsDigit(text[0]) && Enum.TryParse(text, true, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
