using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using Xunit.Abstractions;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>
/// A writer killed with SIGKILL at a random moment (often between write, fsync and rename, or
/// between the secret file and the document) must leave a store that reads, validates, and
/// holds everything committed before, with every referenced key.
/// </summary>
public sealed class StoreCrashTests : IDisposable
{
    private const int Rounds = 15;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-crash-{Guid.NewGuid():N}");
    private readonly ITestOutputHelper output;

    public StoreCrashTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void A_writer_killed_mid_write_leaves_the_store_valid_and_complete()
    {
        var random = new Random(20240611);
        var committed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var commits = 0;
        var roundsWithStrays = 0;
        string? inFlightRemoval = null;

        for (var round = 0; round < Rounds; round++)
        {
            using (var writer = StoreWriterProcess.AddPolicies(directory, $"R{round}", 10_000))
            {
                if (round % 2 == 0)
                {
                    // Mid-loop: after the writer's first commit, a few milliseconds into later ones.
                    Assert.True(writer.WaitForOutput(TimeSpan.FromSeconds(60)), "The writer committed nothing within a minute.");
                    Thread.Sleep(random.Next(0, 120));
                }
                else
                {
                    // Anywhere: during start-up, the first write (no store file yet), or later.
                    Thread.Sleep(random.Next(50, 600));
                }

                writer.KillHard();

                var lines = writer.Output.ToList();
                foreach (var line in lines)
                {
                    var parts = line.Split(' ', 2);
                    if (parts[0] == "added")
                    {
                        committed.Add(parts[1]);
                        commits++;
                    }
                    else if (parts[0] == "removed")
                    {
                        committed.Remove(parts[1]);
                        commits++;
                    }
                }

                Assert.Empty(writer.Errors);
                inFlightRemoval = InFlightRemoval($"R{round}", lines.LastOrDefault());
            }

            if (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.tmp").Any())
            {
                roundsWithStrays++;
            }

            AssertValidAndComplete(committed, inFlightRemoval);
            if (inFlightRemoval is not null && new PolicyStore(directory).Read().FindPolicy(inFlightRemoval) is null)
            {
                committed.Remove(inFlightRemoval); // the killed writer's last removal did commit
            }
        }

        output.WriteLine($"{commits} commits in {Rounds} killed writers; {roundsWithStrays} kills left a temporary file.");
        Assert.True(commits > Rounds, "The writers were killed before they committed anything; the test proved nothing.");

        // The next write removes what killed writers left behind.
        new PolicyStore(directory).Update(document => document.Configuration.IkeLogging = true);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp"));
        AssertValidAndComplete(committed, inFlightRemoval);
    }

    /// <summary>
    /// The removal the writer was doing when it was killed, if that was its next step: it may have
    /// committed without printing, so its policy may be gone. (An in-flight addition may be
    /// present without being printed; extra policies are not checked.)
    /// </summary>
    private static string? InFlightRemoval(string prefix, string? lastLine)
    {
        if (lastLine is null || !lastLine.StartsWith("added ", StringComparison.Ordinal))
        {
            return null;
        }

        var index = int.Parse(lastLine.Substring(lastLine.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);
        return index % 2 == 1 && index >= 2 ? $"{prefix}-{index - 2}" : null;
    }

    private void AssertValidAndComplete(IReadOnlyCollection<string> committed, string? mayBeRemoved)
    {
        var store = new PolicyStore(directory);
        var (document, secrets) = store.ReadWithSecrets();

        Assert.DoesNotContain(PolicyValidator.Validate(document), d => d.Severity == DiagnosticSeverity.Error);
        foreach (var name in committed.Where(n => !StringComparer.OrdinalIgnoreCase.Equals(n, mayBeRemoved)))
        {
            Assert.True(document.FindPolicy(name) is not null, $"Committed policy '{name}' is missing after a crash.");
        }

        foreach (var policy in document.Policies.Where(p => p.Name.StartsWith("R", StringComparison.Ordinal)))
        {
            var method = policy.DefaultResponseRule.AuthMethods.Single(m => m.Kind == AuthMethodKind.PreSharedKey);
            Assert.True(secrets.TryGetValue(method.Id, out var key), $"The key of '{policy.Name}' is missing after a crash.");
            Assert.Equal($"key-{policy.Name}", key);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
