using System;
using System.IO;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Tests.Store;

/// <summary>PrivateFile: key material outside the store (the Wireshark key tables) is owner-only and written whole.</summary>
public sealed class PrivateFileTests : IDisposable
{
    private readonly string directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ipsecpolicy-private-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_new_file_is_owner_only_and_holds_the_text()
    {
        var path = Path.Combine(directory, "esp_sa");

        PrivateFile.WriteAllText(path, "\"IPv4\",\"192.0.2.1\"\n");

        Assert.Equal("\"IPv4\",\"192.0.2.1\"\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(directory));
    }

    [Fact]
    public void A_world_readable_file_is_replaced_by_an_owner_only_one()
    {
        var path = Path.Combine(directory, "ikev1_decryption_table");
        File.WriteAllText(path, "old keys");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PrivateFile.WriteAllText(path, "new keys");

        Assert.Equal("new keys", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_ExportWriteFailed_and_leaves_nothing()
    {
        var path = Path.Combine(directory, "missing", "esp_sa");

        var error = Assert.Throws<PolicyException>(() => PrivateFile.WriteAllText(path, "keys"));

        Assert.Equal((ErrorIds.ExportWriteFailed, PolicyErrorCategory.WriteError), (error.ErrorId, error.Category));
        Assert.Contains(path, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }
}
