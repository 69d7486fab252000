using System.Collections.Generic;
using System.Linq;

namespace Engine.Platform.Linux.Commands;

/// <summary>
/// iproute2's <c>ip</c>, aimed at a named namespace with <c>-n</c> (or at the process's own when
/// the name is null). Chosen over a netlink client of our own: these calls happen at start-up and
/// on policy changes only, <c>ip</c> is present wherever network namespaces are, its batch mode
/// applies many changes per process, and its errors read the way administrators know them.
/// </summary>
internal static class IpCommand
{
    internal static CommandResult Run(string? networkNamespace, IEnumerable<string> arguments, string? standardInput = null) =>
        ExternalCommand.Run("ip", WithNamespace(networkNamespace, arguments), standardInput);

    internal static CommandResult RunChecked(string? networkNamespace, IEnumerable<string> arguments, string? standardInput = null) =>
        ExternalCommand.RunChecked("ip", WithNamespace(networkNamespace, arguments), standardInput);

    /// <summary>
    /// Runs one <c>ip -batch</c> (one command per line) and throws if any line fails.
    /// <paramref name="familyOption"/> ("-4", "-6") applies to every line; null lets each line's
    /// addresses decide.
    /// </summary>
    internal static void Batch(string? networkNamespace, string? familyOption, IEnumerable<string> lines)
    {
        IEnumerable<string> options = familyOption is null ? ["-batch", "-"] : [familyOption, "-batch", "-"];
        RunChecked(networkNamespace, options, string.Join('\n', lines) + "\n");
    }

    /// <summary>Runs <paramref name="program"/> inside the namespace with <c>ip netns exec</c>, or directly when it is null.</summary>
    internal static CommandResult Execute(string? networkNamespace, string program, IEnumerable<string> arguments, string? standardInput = null) =>
        networkNamespace is null
            ? ExternalCommand.Run(program, arguments, standardInput)
            : ExternalCommand.Run("ip", new[] { "netns", "exec", networkNamespace, program }.Concat(arguments), standardInput);

    private static IEnumerable<string> WithNamespace(string? networkNamespace, IEnumerable<string> arguments) =>
        networkNamespace is null ? arguments : new[] { "-n", networkNamespace }.Concat(arguments);
}
