using Engine.Ike.Sa;

namespace Engine.Ike.Tests.SaTables;

public sealed class SaIndexTests
{
    [Fact]
    public void A_key_holds_its_values_oldest_first_through_adds_and_removes()
    {
        var index = new SaIndex<int, string>();
        string a = "a", b = "b", c = "c";

        index.Add(1, a);
        Assert.Equal(["a"], index.Get(1).ToArray());
        index.Add(1, b);
        index.Add(1, c);
        index.Add(2, "other");
        Assert.Equal(["a", "b", "c"], index.Get(1).ToArray());

        index.Remove(1, b);
        Assert.Equal(["a", "c"], index.Get(1).ToArray());
        index.Remove(1, a);
        Assert.Equal(1, index.Get(1).Count);
        Assert.Equal("c", index.Get(1)[0]);
        index.Remove(1, "c is another string");
        Assert.Equal(["c"], index.Get(1).ToArray());
        index.Remove(1, c);

        Assert.Equal(0, index.Get(1).Count);
        Assert.Empty(index.Get(1).ToArray());
        Assert.Equal(["other"], index.Get(2).ToArray());
    }

    [Fact]
    public void Enumeration_sees_one_value_or_many()
    {
        var index = new SaIndex<int, string>();
        index.Add(1, "x");
        var seen = new List<string>();
        foreach (var value in index.Get(1))
        {
            seen.Add(value);
        }

        index.Add(1, "y");
        foreach (var value in index.Get(1))
        {
            seen.Add(value);
        }

        foreach (var value in index.Get(3))
        {
            seen.Add(value);
        }

        Assert.Equal(["x", "x", "y"], seen);
    }
}
