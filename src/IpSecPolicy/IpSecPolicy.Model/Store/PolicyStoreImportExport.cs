using System;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Model.Store;

/// <summary>Export and import of policy documents against a store, each on one consistent view of it.</summary>
public static class PolicyStoreImportExport
{
    /// <summary>The policy document of <paramref name="policyName"/>; with keys only when <paramref name="includeSecret"/>.</summary>
    public static string ExportPolicy(this PolicyStore store, string policyName, bool includeSecret)
    {
        if (!includeSecret)
        {
            return PolicyDocumentWriter.Write(store.Read(), policyName);
        }

        var (document, secrets) = store.ReadWithSecrets();
        return PolicyDocumentWriter.Write(document, policyName, secrets);
    }

    /// <summary>What <see cref="Import"/> would do now (for -WhatIf); refuses a bad document the same way. Writes nothing.</summary>
    public static ImportPlan PreviewImport(this PolicyStore store, PolicyDocument imported)
    {
        var (document, secrets) = store.ReadWithSecrets();
        return document.PlanImport(imported, secrets);
    }

    /// <summary>
    /// Imports the document in one atomic store update: all of it, or (refused) nothing. A document
    /// the store already matches is not written again.
    /// </summary>
    public static ImportPlan Import(this PolicyStore store, PolicyDocument imported, DateTimeOffset now)
    {
        var preview = store.PreviewImport(imported);
        if (preview.ChangesNothing)
        {
            return preview;
        }

        return store.Update(document =>
        {
            // Planned again under the lock: another writer may have changed the store meanwhile.
            var plan = document.PlanImport(imported, store.ReadSecrets());
            document.ApplyImport(plan, now);
            return plan;
        });
    }
}
