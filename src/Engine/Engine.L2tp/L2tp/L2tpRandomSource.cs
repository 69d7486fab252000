using System;

namespace Engine.L2tp.L2tp;

/// <summary>
/// Fills a buffer with random octets: tunnel and session IDs, tie breakers, challenges and
/// random vectors. The default is the operating system's CSPRNG; tests pass a seeded one.
/// </summary>
public delegate void L2tpRandomSource(Span<byte> destination);
