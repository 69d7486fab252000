using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Commands.Common;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Commands.DefaultPolicies;

/// <summary>
/// Brings back the predefined filter lists, filter actions and policies (the snap-in's "Restore
/// Default Policies"): missing ones are added, changed ones reset; the administrator's own objects
/// are left alone. Each object is confirmed (and listed by -WhatIf) on its own.
/// </summary>
[Cmdlet(VerbsData.Restore, "IpSecDefaultPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FilterList), typeof(FilterAction), typeof(Policy))]
public sealed class RestoreIpSecDefaultPolicyCommand : IpSecCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        Try(() =>
        {
            var document = Store.Read();
            var chosen = new HashSet<(PredefinedObjectKind, string)>();
            foreach (var item in document.PredefinedObjectsToRestore())
            {
                if (ShouldProcess(item.Name, $"Restore predefined {item.KindText} ({item.ReasonText})"))
                {
                    chosen.Add((item.Kind, item.Name));
                }
            }

            var dangling = document.AssignedPolicy is not null && document.Assigned is null
                && !chosen.Any(c => c.Item1 == PredefinedObjectKind.Policy && StoreDocument.Same(c.Item2, document.AssignedPolicy));
            var clear = dangling && ShouldProcess(document.AssignedPolicy!, "Clear the assignment of a policy that does not exist");
            if (chosen.Count == 0 && !clear)
            {
                if (!dangling && document.PredefinedObjectsToRestore().Count == 0)
                {
                    WriteVerbose("Every predefined object is as a new store has it; nothing to restore.");
                }

                return;
            }

            var outcome = Store.Update(d => d.RestorePredefinedObjects(DateTimeOffset.UtcNow,
                item => chosen.Contains((item.Kind, item.Name)), clearDanglingAssignment: clear));
            if (outcome.ClearedAssignment is not null)
            {
                WriteWarning($"The assignment named policy '{outcome.ClearedAssignment}', which does not exist; no policy is assigned now.");
            }

            var saved = Store.Read();
            foreach (var restored in outcome.Restored)
            {
                var current = Current(saved, restored);
                WriteVerbose($"Restored predefined {Describe(current)}.");
                if (current is Policy { Assigned: true } assigned)
                {
                    WriteWarning($"Policy '{assigned.Name}' is assigned: its predefined form now applies.");
                }

                if (PassThru)
                {
                    WriteObject(current);
                }
            }
        });
    }

    private static object Current(StoreDocument document, object restored) => restored switch
    {
        FilterList list => document.GetFilterList(list.Name),
        FilterAction action => document.GetFilterAction(action.Name),
        Policy policy => document.GetPolicy(policy.Name),
        _ => restored,
    };

    private static string Describe(object restored) => restored switch
    {
        FilterList list => $"{PredefinedObjectRestore.KindTextOf(PredefinedObjectKind.FilterList)} '{list.Name}'",
        FilterAction action => $"{PredefinedObjectRestore.KindTextOf(PredefinedObjectKind.FilterAction)} '{action.Name}'",
        Policy policy => $"{PredefinedObjectRestore.KindTextOf(PredefinedObjectKind.Policy)} '{policy.Name}'",
        _ => restored.ToString() ?? string.Empty,
    };
}
