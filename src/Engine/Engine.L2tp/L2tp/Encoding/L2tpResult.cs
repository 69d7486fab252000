using System;
using System.Globalization;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The value of a Result Code AVP (RFC 2661 section 4.4.2): a result code whose meaning depends
/// on the message (StopCCN or CDN), an optional error code (present when the result is "general
/// error", often also otherwise) and an optional human-readable error message, which may only be
/// present when the error code is.
/// </summary>
public sealed record L2tpResult(ushort Result, ushort? Error = null, string? ErrorMessage = null)
{
    public static L2tpResult StopCcn(StopCcnResultCode result, L2tpErrorCode? error = null, string? message = null) =>
        new((ushort)result, error is null ? null : (ushort)error.Value, message);

    public static L2tpResult Cdn(CdnResultCode result, L2tpErrorCode? error = null, string? message = null) =>
        new((ushort)result, error is null ? null : (ushort)error.Value, message);

    /// <summary>"Result 2, error 8 (...)": for logs and close reasons.</summary>
    public override string ToString()
    {
        var text = "result " + Result.ToString(CultureInfo.InvariantCulture);
        if (Error is { } error)
        {
            text += ", error " + error.ToString(CultureInfo.InvariantCulture);
        }

        return string.IsNullOrEmpty(ErrorMessage) ? text : text + " (" + ErrorMessage + ")";
    }
}
