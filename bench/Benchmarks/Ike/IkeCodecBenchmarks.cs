using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Engine.Ike.Encoding;

namespace IpSecPolicy.Benchmarks.Ike;

/// <summary>
/// The IKEv1 wire codec (Engine.Ike/Encoding): parse a received message into payload objects
/// (with every payload's Verify), and build one from objects to bytes (objects constructed, each
/// payload verified, serialized into a new array), per sample of <see cref="IkeSamples"/>.
/// </summary>
public class IkeCodecBenchmarks
{
    private byte[] wire = [];

    [ParamsSource(nameof(Messages))]
    public string Message { get; set; } = IkeSamples.MainMode1Windows;

    public static IEnumerable<string> Messages => IkeSamples.Names;

    [GlobalSetup]
    public void Setup()
    {
        wire = IkeSamples.Build(Message);

        // A benchmark of a parse that throws would measure the exception path: check once.
        if (Parse() is null)
        {
            throw new InvalidOperationException($"{Message} does not parse.");
        }
    }

    [Benchmark]
    public object? Parse()
    {
        if (IkeSamples.IsDatagram(Message))
        {
            IsakmpMessage.TryParse(wire, out var message);
            return message;
        }

        return IsakmpPayloadChain.Parse(wire, IkeSamples.FirstPayload(Message), allowTrailingPadding: true);
    }

    [Benchmark]
    public byte[] Build() => IkeSamples.Build(Message);
}
