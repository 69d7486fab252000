namespace Engine.Ike.Sa;

/// <summary>
/// SAs by a key (an initiator cookie, a peer's address), in the order they were added. Most keys
/// have one SA, so a key holds the SA itself and only a key with several holds a list: the index
/// costs a dictionary entry per key, not a list per peer.
/// </summary>
internal sealed class SaIndex<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, object> map = [];

    public void Add(TKey key, TValue value)
    {
        if (!map.TryGetValue(key, out var existing))
        {
            map[key] = value;
        }
        else if (existing is List<TValue> list)
        {
            list.Add(value);
        }
        else
        {
            map[key] = new List<TValue>(2) { (TValue)existing, value };
        }
    }

    public void Remove(TKey key, TValue value)
    {
        if (!map.TryGetValue(key, out var existing))
        {
            return;
        }

        if (existing is List<TValue> list)
        {
            list.Remove(value);
            if (list.Count == 1)
            {
                map[key] = list[0];
            }
        }
        else if (ReferenceEquals(existing, value))
        {
            map.Remove(key);
        }
    }

    /// <summary>The SAs under <paramref name="key"/>, oldest first (a view: copy it before changing the index).</summary>
    public Matches Get(TKey key) => new(map.GetValueOrDefault(key));

    public readonly struct Matches
    {
        private readonly object? entry;

        public Matches(object? entry) => this.entry = entry;

        public int Count => entry switch
        {
            null => 0,
            List<TValue> list => list.Count,
            _ => 1,
        };

        public TValue this[int index] => entry is List<TValue> list ? list[index] : index == 0 && entry is TValue one ? one : throw new ArgumentOutOfRangeException(nameof(index));

        public TValue[] ToArray() => entry switch
        {
            null => [],
            List<TValue> list => [.. list],
            _ => [(TValue)entry],
        };

        public Enumerator GetEnumerator() => new(entry);
    }

    public struct Enumerator
    {
        private readonly object? entry;
        private int index;

        public Enumerator(object? entry)
        {
            this.entry = entry;
            index = -1;
        }

        public readonly TValue Current => entry is List<TValue> list ? list[index] : (TValue)entry!;

        public bool MoveNext()
        {
            index++;
            return entry is List<TValue> list ? index < list.Count : entry is not null && index == 0;
        }
    }
}
