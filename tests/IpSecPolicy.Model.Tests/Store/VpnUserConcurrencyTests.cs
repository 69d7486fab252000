using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;
using Xunit.Abstractions;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>
/// The user file under concurrent writers (processes and threads) and writers killed with SIGKILL:
/// every committed user survives with its password, and the file always reads.
/// </summary>
public sealed class VpnUserConcurrencyTests : IDisposable
{
    private const int Writers = 20;
    private const int CrashRounds = 8;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-vpnusers-concurrent-{Guid.NewGuid():N}");
    private readonly ITestOutputHelper output;

    public VpnUserConcurrencyTests(ITestOutputHelper output) => this.output = output;

    private VpnUserStore NewStore() => new(new PolicyStore(directory));

    [Fact]
    public void Twenty_writer_processes_lose_no_user()
    {
        var writers = Enumerable.Range(0, Writers)
            .Select(i => StoreWriterProcess.AddVpnUser(directory, $"user{i}", $"192.168.50.{i + 10}"))
            .ToList();
        try
        {
            foreach (var writer in writers)
            {
                var exit = writer.Wait(TimeSpan.FromMinutes(2));
                Assert.True(exit == 0, $"A writer failed ({exit}): {string.Join(Environment.NewLine, writer.Errors)}");
            }
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }

        var (users, passwords) = NewStore().ReadWithPasswords();
        Assert.Equal(Writers, users.Users.Count);
        for (var i = 0; i < Writers; i++)
        {
            Assert.Equal(IPAddress.Parse($"192.168.50.{i + 10}"), users.GetUser($"user{i}").StaticAddress);
            Assert.Equal($"pw-user{i}", passwords[$"user{i}"]);
        }
    }

    [Fact]
    public void Twenty_writer_threads_lose_no_user_and_refuse_a_shared_address_to_all_but_one()
    {
        var failures = new List<Exception>();
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, Writers).Select(i => new Thread(() =>
        {
            start.Wait();
            try
            {
                // Every writer wants its own name, and the even ones all want the same address.
                var address = i % 2 == 0 ? IPAddress.Parse("192.168.50.99") : IPAddress.Parse($"192.168.50.{i + 10}");
                NewStore().Update(users => users.AddVpnUser(new VpnUser { Name = $"user{i}", StaticAddress = address }, new Secret($"pw-user{i}"), DateTimeOffset.UtcNow));
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.Set();
        threads.ForEach(t => t.Join());

        Assert.Equal(Writers / 2 - 1, failures.Count);
        Assert.All(failures, e => Assert.Equal("StaticAddressInUse", Assert.IsType<PolicyException>(e).ErrorId));
        var users = NewStore().Read().Users;
        Assert.Equal(Writers / 2 + 1, users.Count);
        Assert.Single(users, u => IPAddress.Parse("192.168.50.99").Equals(u.StaticAddress));
        Assert.All(Enumerable.Range(0, Writers).Where(i => i % 2 == 1), i => Assert.Contains(users, u => u.Name == $"user{i}"));
    }

    [Fact]
    public void A_writer_killed_mid_write_leaves_the_user_file_readable_and_complete()
    {
        var random = new Random(20250131);
        var committed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var commits = 0;
        for (var round = 0; round < CrashRounds; round++)
        {
            string? lastLine;
            using (var writer = StoreWriterProcess.AddVpnUsers(directory, $"R{round}", 10_000))
            {
                Assert.True(writer.WaitForOutput(TimeSpan.FromSeconds(60)), "The writer committed nothing within a minute.");
                Thread.Sleep(random.Next(0, 120));
                writer.KillHard();

                var lines = writer.Output.ToList();
                foreach (var parts in lines.Select(l => l.Split(' ', 2)))
                {
                    if (parts[0] == "added")
                    {
                        committed.Add(parts[1]);
                    }
                    else
                    {
                        committed.Remove(parts[1]);
                    }

                    commits++;
                }

                Assert.Empty(writer.Errors);
                lastLine = lines.LastOrDefault();
            }

            // The removal after the last printed addition may have committed without being printed.
            var mayBeRemoved = MayBeRemoved(lastLine);
            var (users, passwords) = NewStore().ReadWithPasswords();
            foreach (var name in committed.Where(n => !StringComparer.OrdinalIgnoreCase.Equals(n, mayBeRemoved)))
            {
                Assert.True(users.FindUser(name) is not null, $"Committed user '{name}' is missing after a crash.");
                Assert.Equal($"pw-{name}", passwords[name]);
            }

            if (mayBeRemoved is not null && users.FindUser(mayBeRemoved) is null)
            {
                committed.Remove(mayBeRemoved);
            }
        }

        output.WriteLine($"{commits} commits in {CrashRounds} killed writers.");
        Assert.True(commits > CrashRounds, "The writers were killed before they committed anything; the test proved nothing.");
        NewStore().Update(users => users.AddVpnUser(new VpnUser { Name = "after" }, new Secret("pw-after"), DateTimeOffset.UtcNow));
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp"));
    }

    private static string? MayBeRemoved(string? lastLine)
    {
        if (lastLine is null || !lastLine.StartsWith("added ", StringComparison.Ordinal))
        {
            return null;
        }

        var name = lastLine.Substring("added ".Length);
        var dash = name.LastIndexOf('-');
        var index = int.Parse(name.Substring(dash + 1), System.Globalization.CultureInfo.InvariantCulture);
        return index % 2 == 1 && index >= 2 ? $"{name.Substring(0, dash)}-{index - 2}" : null;
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
