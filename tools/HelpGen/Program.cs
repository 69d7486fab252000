using System;
using System.IO;
using System.Linq;

namespace IpSecPolicy.HelpGen;

/// <summary>
/// <c>dotnet run --project tools/HelpGen [-- --check]</c>: writes the MAML help from docs/cmdlets,
/// or with --check only reports what is missing or stale (exit 1).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory());
        if (root is null)
        {
            Console.Error.WriteLine("Run this inside the repository (IpSecPolicy.sln not found above here).");
            return 2;
        }

        var help = HelpSet.Load(root);
        var problems = help.Problems().ToList();
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }

        var path = Path.Combine(root, HelpSet.MamlRelativePath);
        var maml = help.Maml();
        var current = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (args.Contains("--check"))
        {
            if (current != maml)
            {
                Console.Error.WriteLine($"{HelpSet.MamlRelativePath} is stale: run dotnet run --project tools/HelpGen");
                return 1;
            }

            return problems.Count == 0 ? 0 : 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, maml);
        Console.WriteLine($"Wrote {HelpSet.MamlRelativePath}: {help.Cmdlets.Count} cmdlets, {problems.Count} problems.");
        return problems.Count == 0 ? 0 : 1;
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IpSecPolicy.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
