using System.Collections.Generic;

namespace IpSecPolicy.Commands.Engine;

/// <summary>How to run the engine: a program and the arguments that come before the engine's own (the .dll for <c>dotnet</c>).</summary>
internal sealed class EngineCommand
{
    public EngineCommand(string program, IReadOnlyList<string> leadingArguments, string enginePath)
    {
        Program = program;
        LeadingArguments = leadingArguments;
        EnginePath = enginePath;
    }

    public string Program { get; }

    public IReadOnlyList<string> LeadingArguments { get; }

    /// <summary>The engine file that was found (ipsecpolicy-engine or ipsecpolicy-engine.dll).</summary>
    public string EnginePath { get; }
}
