using System;
using System.IO;
using System.Linq;
using System.Reflection;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Tests;

public class ErrorIdsDocumentedTests
{
    [Fact]
    public void Every_error_id_is_in_docs_errors_md()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IpSecPolicy.sln")))
        {
            root = root.Parent;
        }

        var doc = File.ReadAllText(Path.Combine(root!.FullName, "docs", "errors.md"));
        var ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        var missing = ids.Where(id => !doc.Contains($"| {id} |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in docs/errors.md: " + string.Join(", ", missing));
    }
}
