using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>Twenty writers at once, as processes and as threads: every change must survive.</summary>
public sealed class StoreConcurrencyTests : IDisposable
{
    private const int Writers = 20;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-concurrent-{Guid.NewGuid():N}");

    [Fact]
    public void Twenty_writer_processes_lose_nothing()
    {
        var names = Enumerable.Range(0, Writers).Select(i => $"Process list {i}").ToList();

        var writers = names.Select(name => StoreWriterProcess.AddFilterList(directory, name)).ToList();
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

        var stored = new PolicyStore(directory).Read().FilterLists.Select(l => l.Name).ToList();
        Assert.All(names, name => Assert.Contains(name, stored));
        Assert.Equal(Writers + PredefinedObjects.FilterLists(DateTimeOffset.UtcNow).Count, stored.Count);
    }

    [Fact]
    public void Twenty_writer_threads_lose_nothing()
    {
        var names = Enumerable.Range(0, Writers).Select(i => $"Thread list {i}").ToList();
        var failures = new List<Exception>();
        using var start = new ManualResetEventSlim();

        var threads = names.Select(name => new Thread(() =>
        {
            start.Wait();
            try
            {
                // A store object per writer, as separate cmdlet invocations would have.
                new PolicyStore(directory).Update(document => document.FilterLists.Add(new FilterList
                {
                    Name = name,
                    Filters = { new Filter { DestinationAddress = FilterAddress.Parse("2001:db8::/32") } },
                }));
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

        Assert.Empty(failures);
        var document = new PolicyStore(directory).Read();
        Assert.All(names, name => Assert.NotNull(document.FindFilterList(name)));
        Assert.DoesNotContain(PolicyValidator.Validate(document), d => d.Severity == DiagnosticSeverity.Error);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
