using System;
using System.Diagnostics;
using System.Threading;

namespace Interop.Support;

/// <summary>Polling with a deadline: the lab's daemons report through logs and sockets, not events.</summary>
internal static class Wait
{
    /// <summary>True as soon as <paramref name="condition"/> holds; false when <paramref name="within"/> has passed.</summary>
    public static bool Until(Func<bool> condition, TimeSpan within, TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (watch.Elapsed >= within)
            {
                return false;
            }

            Thread.Sleep(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
