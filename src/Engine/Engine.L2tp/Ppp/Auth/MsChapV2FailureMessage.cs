using System;
using System.Globalization;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// The Message of an MS-CHAPv2 Failure (RFC 2759 section 6):
/// "E=eeeeeeeeee R=r C=cccccccccccccccccccccccccccccccc V=vvvvvvvvvv M=&lt;msg&gt;". Windows RRAS
/// sends E=691 (ERROR_AUTHENTICATION_FAILURE), V=3 and R=1 only when another try is allowed; the
/// C= challenge is the one a retry must answer.
/// </summary>
public sealed record MsChapV2FailureMessage(int ErrorCode, bool RetryAllowed, byte[]? Challenge, int Version, string Message)
{
    public const int AuthenticationFailure = 691;
    public const int PasswordExpired = 648;
    public const int AccountDisabled = 647;
    public const int NoDialinPermission = 649;

    public string Format()
    {
        var text = $"E={ErrorCode.ToString(CultureInfo.InvariantCulture)} R={(RetryAllowed ? 1 : 0)}";
        if (Challenge is not null)
        {
            text += " C=" + Convert.ToHexString(Challenge);
        }

        return text + $" V={Version.ToString(CultureInfo.InvariantCulture)} M={Message}";
    }

    /// <summary>Lenient parse: missing fields take RFC defaults (no retry, no challenge, version 0, empty message).</summary>
    public static bool TryParse(string text, out MsChapV2FailureMessage? failure)
    {
        failure = null;
        int? error = null;
        var retry = false;
        byte[]? challenge = null;
        var version = 0;
        var message = string.Empty;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart(' ');
            if (rest.StartsWith("M=", StringComparison.Ordinal))
            {
                message = rest[2..].ToString();
                break;
            }

            var end = rest.IndexOf(' ');
            var field = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[end..];
            if (field.Length < 2 || field[1] != '=')
            {
                continue;
            }

            var value = field[2..];
            switch (field[0])
            {
                case 'E' when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code):
                    error = code;
                    break;
                case 'R':
                    retry = value.SequenceEqual("1");
                    break;
                case 'C' when value.Length == 32:
                    try
                    {
                        challenge = Convert.FromHexString(value);
                    }
                    catch (FormatException)
                    {
                        challenge = null;
                    }

                    break;
                case 'V' when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v):
                    version = v;
                    break;
            }
        }

        if (error is null)
        {
            return false;
        }

        failure = new MsChapV2FailureMessage(error.Value, retry, challenge, version, message);
        return true;
    }
}
