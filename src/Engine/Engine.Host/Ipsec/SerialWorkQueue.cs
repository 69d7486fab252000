using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Engine.Host.Ipsec;

/// <summary>
/// Runs queued work one item at a time on a task of its own. The data plane and IKE report events
/// from their own threads, IKE with its lock held; acting on them (starting a negotiation,
/// deleting an SA, rewriting nftables) happens here, where no lock of theirs is held.
/// </summary>
internal sealed class SerialWorkQueue : IAsyncDisposable
{
    private readonly Channel<Action> work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<Exception> onError;
    private readonly Task runner;

    public SerialWorkQueue(Action<Exception> onError)
    {
        this.onError = onError;
        runner = Task.Run(RunAsync);
    }

    /// <summary>Queues an item; false once the queue was disposed.</summary>
    public bool Post(Action item) => work.Writer.TryWrite(item);

    /// <summary>Runs <paramref name="item"/> after everything queued before it and waits for it.</summary>
    public Task RunAsync(Action item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(() =>
            {
                try
                {
                    item();
                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }))
        {
            done.SetException(new ObjectDisposedException(nameof(SerialWorkQueue)));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        work.Writer.TryComplete();
        await runner.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var item in work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                item();
            }
            catch (Exception e)
            {
                onError(e);
            }
        }
    }
}
