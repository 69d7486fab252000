using System;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Operations;

public sealed class VpnUserOperationsTests
{
    private static readonly DateTimeOffset Then = new(2025, 1, 31, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddDays(30);

    private readonly VpnUserDatabase database = new();

    [Fact]
    public void Add_stores_the_user_with_its_password_and_times()
    {
        var user = database.AddVpnUser(new VpnUser { Name = " alice ", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("pw-alice"), Then);

        Assert.Same(user, database.GetUser("ALICE"));
        Assert.Equal("alice", user.Name);
        Assert.True(user.Enabled);
        Assert.Equal("pw-alice", user.Password.Reveal());
        Assert.Equal(Then, user.PasswordLastSet);
        Assert.Equal(Then, user.LastModified);
    }

    [Fact]
    public void Names_collide_case_insensitively()
    {
        database.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then);

        var error = Assert.Throws<PolicyException>(() => database.AddVpnUser(new VpnUser { Name = "ALICE" }, new Secret("b"), Then));

        Assert.Equal((ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists), (error.ErrorId, error.Category));
        Assert.Single(database.Users);
    }

    [Fact]
    public void A_static_address_belongs_to_one_user_even_a_disabled_one()
    {
        database.AddVpnUser(new VpnUser { Name = "alice", Enabled = false, StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("a"), Then);

        var error = Assert.Throws<PolicyException>(() =>
            database.AddVpnUser(new VpnUser { Name = "bob", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("b"), Then));

        Assert.Equal((ErrorIds.StaticAddressInUse, PolicyErrorCategory.ResourceExists), (error.ErrorId, error.Category));
        Assert.Contains("'alice'", error.Message);
        Assert.Single(database.Users);
    }

    [Fact]
    public void Add_refuses_a_bad_password_without_quoting_it()
    {
        var error = Assert.Throws<PolicyException>(() => database.AddVpnUser(new VpnUser { Name = "alice" }, new Secret(""), Then));

        Assert.Equal(ErrorIds.InvalidPassword, error.ErrorId);
        Assert.Empty(database.Users);
    }

    [Fact]
    public void Change_sets_only_what_it_is_given()
    {
        database.AddVpnUser(new VpnUser { Name = "alice", Description = "Laptop", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("old"), Then);

        var user = database.ChangeVpnUser("Alice", new VpnUserChange { Enabled = false }, Now);

        Assert.False(user.Enabled);
        Assert.Equal("Laptop", user.Description);
        Assert.Equal(IPAddress.Parse("192.168.50.20"), user.StaticAddress);
        Assert.Equal("old", user.Password.Reveal());
        Assert.Equal(Then, user.PasswordLastSet);
        Assert.Equal(Now, user.LastModified);
    }

    [Fact]
    public void A_new_password_replaces_the_old_and_sets_password_last_set()
    {
        database.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("old"), Then);

        var user = database.ChangeVpnUser("alice", new VpnUserChange { Password = new Secret("new") }, Now);

        Assert.Equal("new", user.Password.Reveal());
        Assert.Equal(Now, user.PasswordLastSet);
    }

    [Fact]
    public void A_null_static_address_gives_the_user_the_pool_again_and_a_null_description_clears_it()
    {
        database.AddVpnUser(new VpnUser { Name = "alice", Description = "Laptop", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("a"), Then);

        var user = database.ChangeVpnUser("alice", new VpnUserChange { StaticAddress = null, Description = null }, Now);

        Assert.Null(user.StaticAddress);
        Assert.Null(user.Description);
    }

    [Fact]
    public void A_user_keeps_its_own_address_but_cannot_take_another_users()
    {
        database.AddVpnUser(new VpnUser { Name = "alice", StaticAddress = IPAddress.Parse("192.168.50.20") }, new Secret("a"), Then);
        database.AddVpnUser(new VpnUser { Name = "bob", StaticAddress = IPAddress.Parse("192.168.50.21") }, new Secret("b"), Then);

        database.ChangeVpnUser("alice", new VpnUserChange { StaticAddress = IPAddress.Parse("192.168.50.20") }, Now);
        var error = Assert.Throws<PolicyException>(() => database.ChangeVpnUser("alice", new VpnUserChange { StaticAddress = IPAddress.Parse("192.168.50.21") }, Now));

        Assert.Equal(ErrorIds.StaticAddressInUse, error.ErrorId);
        Assert.Equal(IPAddress.Parse("192.168.50.20"), database.GetUser("alice").StaticAddress);
    }

    [Fact]
    public void A_refused_change_changes_nothing()
    {
        database.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("old"), Then);

        Assert.Throws<PolicyException>(() => database.ChangeVpnUser("alice",
            new VpnUserChange { Enabled = false, Password = new Secret("new"), StaticAddress = IPAddress.Parse("127.0.0.1") }, Now));

        var user = database.GetUser("alice");
        Assert.True(user.Enabled);
        Assert.Equal("old", user.Password.Reveal());
        Assert.Null(user.StaticAddress);
    }

    [Fact]
    public void Rename_refuses_a_taken_name_and_allows_a_new_case_of_its_own()
    {
        database.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then);
        database.AddVpnUser(new VpnUser { Name = "bob" }, new Secret("b"), Then);

        Assert.Equal(ErrorIds.NameCollision, Assert.Throws<PolicyException>(() => database.ChangeVpnUser("alice", new VpnUserChange { NewName = "BOB" }, Now)).ErrorId);
        Assert.Equal("Alice", database.ChangeVpnUser("alice", new VpnUserChange { NewName = "Alice" }, Now).Name);
    }

    [Fact]
    public void Remove_returns_the_user_without_its_password()
    {
        database.AddVpnUser(new VpnUser { Name = "alice" }, new Secret("a"), Then);

        var removed = database.RemoveVpnUser("ALICE");

        Assert.Equal("alice", removed.Name);
        Assert.False(removed.Password.HasValue);
        Assert.Empty(database.Users);
    }

    [Fact]
    public void A_user_that_is_not_there_is_VpnUserNotFound()
    {
        foreach (var action in new Action[]
        {
            () => database.RemoveVpnUser("ghost"),
            () => database.ChangeVpnUser("ghost", new VpnUserChange { Enabled = true }, Now),
            () => database.GetUser("ghost"),
        })
        {
            var error = Assert.Throws<PolicyException>(action);
            Assert.Equal((ErrorIds.VpnUserNotFound, PolicyErrorCategory.ObjectNotFound), (error.ErrorId, error.Category));
        }

        Assert.Null(database.FindUser("ghost"));
        Assert.False(database.Users.Any());
    }
}
