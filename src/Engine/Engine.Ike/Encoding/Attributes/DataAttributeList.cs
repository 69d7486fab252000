namespace Engine.Ike.Encoding.Attributes;

/// <summary>
/// A run of data attributes that fills a known number of bytes: the tail of a Transform payload,
/// or the data of a RESPONDER-LIFETIME notification.
/// </summary>
public static class DataAttributeList
{
    /// <summary>
    /// Reads attributes until <paramref name="source"/> ends. The length came from an enclosing
    /// payload, so an attribute cut off at the end is PAYLOAD-MALFORMED.
    /// </summary>
    public static IReadOnlyList<DataAttribute> Parse(ReadOnlySpan<byte> source)
    {
        var reader = new IsakmpReader(source);
        var attributes = new List<DataAttribute>();
        while (reader.Remaining > 0)
        {
            if (!DataAttribute.TryRead(ref reader, out var attribute))
            {
                throw IsakmpProtocolException.Malformed("a data attribute runs past the end of its payload");
            }

            attributes.Add(attribute!);
        }

        return attributes;
    }

    public static int GetLength(IEnumerable<DataAttribute> attributes) =>
        attributes.Sum(attribute => attribute.Length);

    public static void Write(IEnumerable<DataAttribute> attributes, ref IsakmpWriter writer)
    {
        foreach (var attribute in attributes)
        {
            attribute.Write(ref writer);
        }
    }

    public static byte[] ToArray(IReadOnlyCollection<DataAttribute> attributes)
    {
        var bytes = new byte[GetLength(attributes)];
        var writer = new IsakmpWriter(bytes);
        Write(attributes, ref writer);
        return bytes;
    }

    /// <summary>The first attribute of the given type, as RFC 2408 allows each type once per transform.</summary>
    public static DataAttribute? Find(IEnumerable<DataAttribute> attributes, ushort type) =>
        attributes.FirstOrDefault(attribute => attribute.Type == type);
}
