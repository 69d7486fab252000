using System;
using System.Collections.Generic;
using System.Management.Automation;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Base of every cmdlet: finds the store and turns the model's refusals into ErrorRecords with the
/// model's stable error id, the matching category and the offending object as target.
/// </summary>
public abstract class IpSecCmdlet : PSCmdlet
{
    /// <summary>A session variable that points this session at another store, like netsh's "set store".</summary>
    public const string StoreVariable = "IpSecPolicyStore";

    private PolicyStore? store;

    /// <summary>The store: <c>$IpSecPolicyStore</c>, else <c>$env:IPSECPOLICY_STORE</c>, else the default directory.</summary>
    protected PolicyStore Store => store ??= new PolicyStore(ResolveStorePath());

    /// <summary>Writes a non-terminating error for one item and lets the pipeline go on.</summary>
    protected void WriteModelError(PolicyException error) => WriteError(ToErrorRecord(error));

    /// <summary>Stops the command: for when nothing else can go on (e.g. the store is unreadable).</summary>
    protected void ThrowModelError(PolicyException error) => ThrowTerminatingError(ToErrorRecord(error));

    /// <summary>Runs one item's work; a model refusal becomes that item's error, the rest goes on.</summary>
    protected void Try(Action work)
    {
        try
        {
            work();
        }
        catch (PolicyException error) when (error.ErrorId is not (ErrorIds.StoreCorrupt or ErrorIds.StoreLocked or ErrorIds.StoreWriteFailed))
        {
            WriteModelError(error);
        }
        catch (PolicyException error)
        {
            ThrowModelError(error);
        }
    }

    /// <summary>
    /// The body every Remove cmdlet shares: for each name, a dry run of <paramref name="remove"/> on a
    /// copy that is never saved (so -WhatIf lists only what would really go, and a refusal is that
    /// item's error), then ShouldProcess, then the real removal; the removed object with -PassThru.
    /// </summary>
    protected void RemoveEach<T>(IEnumerable<string> names, string action, Func<StoreDocument, string, T> remove, bool passThru)
    {
        foreach (var name in names)
        {
            Try(() =>
            {
                remove(Store.Read(), name);
                if (!ShouldProcess(name, action))
                {
                    return;
                }

                var removed = Store.Update(document => remove(document, name));
                if (passThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }

    protected void WriteNotFound(string errorId, string message, object target) =>
        WriteError(new ErrorRecord(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, target));

    public static ErrorRecord ToErrorRecord(PolicyException error) =>
        new(error, error.ErrorId, Map(error.Category), error.Target);

    private string ResolveStorePath()
    {
        var fromSession = SessionState.PSVariable.GetValue(StoreVariable) as string;
        return string.IsNullOrWhiteSpace(fromSession) ? PolicyStore.DefaultDirectory : fromSession!;
    }

    private static ErrorCategory Map(PolicyErrorCategory category) => category switch
    {
        PolicyErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
        PolicyErrorCategory.InvalidData => ErrorCategory.InvalidData,
        PolicyErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
        PolicyErrorCategory.ResourceExists => ErrorCategory.ResourceExists,
        PolicyErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        PolicyErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
        PolicyErrorCategory.WriteError => ErrorCategory.WriteError,
        PolicyErrorCategory.ReadError => ErrorCategory.ReadError,
        _ => ErrorCategory.InvalidOperation,
    };
}
