using System;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Logging;
using IpSecPolicy.Model.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Policies;

/// <summary>
/// Re-reads the store every PollingIntervalMinutes of the assigned policy, counted from the last
/// reading (a Sync restarts the wait), as Windows' Policy Agent polls. An interval of 0 turns
/// polling off until a policy with another interval is assigned.
/// </summary>
internal sealed class PolicyPoller : BackgroundService
{
    private readonly PolicyAgent agent;
    private readonly TimeProvider time;
    private readonly ILogger<PolicyPoller> logger;

    public PolicyPoller(PolicyAgent agent, TimeProvider time, ILogger<PolicyPoller> logger)
    {
        this.agent = agent;
        this.time = time;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasDisabled = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var rescheduled = agent.ScheduleChanged;
            var next = agent.NextPoll;
            if (next is null)
            {
                if (!wasDisabled)
                {
                    logger.PollingDisabled();
                }
            }
            else
            {
                logger.PollScheduled(next.Value);
            }

            wasDisabled = next is null;

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, rescheduled);
            try
            {
                var delay = next is null ? Timeout.InfiniteTimeSpan : Max(next.Value - time.GetUtcNow(), TimeSpan.Zero);
                await Task.Delay(delay, time, wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                continue; // the store was read meanwhile: wait again from that reading
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await agent.SyncAsync(SyncTrigger.Poll, stoppingToken);
            }
            catch (PolicyException)
            {
                // Logged and audited by the agent; the policy in force stays and the next poll tries again.
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A daemon keeps polling: one failed reading must not stop the engine (the host would).
                logger.PollFailed(e);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
