using Engine.Ike.Encoding;

namespace Engine.Ike.Tests.Support;

/// <summary>A named message for the truncation, fuzz and tshark tests, with the UDP port it travels on.</summary>
public sealed record SampleMessage(string Name, IsakmpMessage Message, ushort Port)
{
    public byte[] Bytes => Message.ToArray();

    public override string ToString() => Name;
}
