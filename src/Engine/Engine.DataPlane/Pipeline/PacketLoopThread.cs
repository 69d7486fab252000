using System;
using System.Threading;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// Runs one packet loop on its own thread until its device or bind is disposed. An exception from
/// processing is a bug, never a packet's doing: it is counted and recorded, and the loop goes on,
/// pausing briefly when failures repeat so that a broken device cannot spin a core.
/// </summary>
internal sealed class PacketLoopThread
{
    private const int FailuresBeforePause = 16;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly Action processNext;
    private readonly WorkerCounters counters;
    private readonly Action<Exception> fault;
    private readonly Action stopped;
    private readonly Thread thread;

    /// <param name="stopped">Called on the thread when its device or bind is gone (releases the loop's pinned batches).</param>
    public PacketLoopThread(string name, Action processNext, WorkerCounters counters, Action<Exception> fault, Action stopped)
    {
        this.processNext = processNext;
        this.stopped = stopped;
        this.counters = counters;
        this.fault = fault;
        thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public void Start() => thread.Start();

    public bool Join(TimeSpan timeout) => thread.Join(timeout);

    private void Run()
    {
        var failures = 0;
        while (true)
        {
            try
            {
                processNext();
                failures = 0;
            }
            catch (ObjectDisposedException)
            {
                stopped();
                return;
            }
            catch (Exception exception)
            {
                counters.Increment(DataPlaneCounter.InternalErrors);
                fault(exception);
                if (++failures >= FailuresBeforePause)
                {
                    Thread.Sleep(Pause);
                }
            }
        }
    }
}
