using System;
using System.IO;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// How a cmdlet reaches the engine of its network namespace: the socket path
/// (<c>$IpSecPolicyControlSocket</c>, else <c>$env:IPSECPOLICY_CONTROL_SOCKET</c>, else the namespace's
/// default), control errors as ErrorRecords, and the Sync that store changes send.
/// </summary>
internal static class EngineConnection
{
    /// <summary>A session variable that points the engine cmdlets at another control socket.</summary>
    public const string SocketVariable = "IpSecPolicyControlSocket";

    public static string SocketPath(PSCmdlet cmdlet)
    {
        var fromSession = cmdlet.SessionState.PSVariable.GetValue(SocketVariable) as string;
        return string.IsNullOrWhiteSpace(fromSession) ? ControlPaths.DefaultSocketPath : fromSession!;
    }

    public static ControlClient Client(PSCmdlet cmdlet) => new(SocketPath(cmdlet));

    /// <summary>The engine's (or the client's) refusal with its stable id and its category.</summary>
    public static ErrorRecord ToErrorRecord(ControlException error, object? target)
    {
        var category = Enum.TryParse<ErrorCategory>(error.Category, out var parsed) ? parsed : ErrorCategory.NotSpecified;
        return new ErrorRecord(error, error.ErrorId, category, target);
    }

    /// <summary>
    /// After a store change that decides what is enforced (Enable-/Disable-IpSecPolicy): tells the
    /// engine of this namespace to re-read the store. No engine is no problem (a verbose line); an
    /// engine that refuses is a warning, since the store change itself stands.
    /// </summary>
    public static void SyncAfterStoreChange(PSCmdlet cmdlet, string storeDirectory) => SyncAfterStoreChange(cmdlet, Client(cmdlet), storeDirectory);

    /// <inheritdoc cref="SyncAfterStoreChange(PSCmdlet, string)"/>
    public static void SyncAfterStoreChange(PSCmdlet cmdlet, ControlClient client, string storeDirectory)
    {
        try
        {
            var result = client.Call<PolicySyncResult>(ControlCommands.Sync);
            if (result is not null)
            {
                ReportSync(cmdlet, result, storeDirectory);
            }
        }
        catch (ControlException error) when (error.ErrorId == ControlException.EngineNotRunning)
        {
            cmdlet.WriteVerbose($"No IpSecPolicy engine runs in this network namespace ({client.SocketPath}); the change takes effect when one starts.");
        }
        catch (ControlException error)
        {
            cmdlet.WriteWarning($"The store was changed, but the engine did not re-read it ({error.ErrorId}): {error.Message}");
        }
    }

    /// <summary>Says what a Sync changed, and warns when the engine reads another store than this session writes.</summary>
    public static void ReportSync(PSCmdlet cmdlet, PolicySyncResult result, string storeDirectory)
    {
        if (!SamePath(result.StorePath, storeDirectory))
        {
            cmdlet.WriteWarning($"The engine of this network namespace enforces the store '{result.StorePath}', not '{storeDirectory}' that this session uses; it re-read its own store.");
        }

        cmdlet.WriteVerbose(result.Changed
            ? $"The engine re-read the store: {string.Join(" ", result.Changes)}"
            : "The engine re-read the store: nothing it enforces changed.");
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);
}
