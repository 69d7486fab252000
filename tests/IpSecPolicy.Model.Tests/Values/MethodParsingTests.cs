using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Tests.Values;

public class MethodParsingTests
{
    [Theory]
    [InlineData("ESP[AES256,SHA256]:100000k/3600s", SecurityProtocol.Esp, EncryptionAlgorithm.AES256, IntegrityAlgorithm.SHA256, IntegrityAlgorithm.None, 100000, 3600)]
    [InlineData("esp[3des,sha1]", SecurityProtocol.Esp, EncryptionAlgorithm.TripleDES, IntegrityAlgorithm.SHA1, IntegrityAlgorithm.None, 100000, 3600)]
    [InlineData("ESP[None,SHA1]:50000k/600s", SecurityProtocol.Esp, EncryptionAlgorithm.None, IntegrityAlgorithm.SHA1, IntegrityAlgorithm.None, 50000, 600)]
    [InlineData("ESP[AESGCM256]", SecurityProtocol.Esp, EncryptionAlgorithm.AESGCM256, IntegrityAlgorithm.None, IntegrityAlgorithm.None, 100000, 3600)]
    [InlineData("AH[SHA1]", SecurityProtocol.Ah, EncryptionAlgorithm.None, IntegrityAlgorithm.SHA1, IntegrityAlgorithm.None, 100000, 3600)]
    [InlineData("AH[SHA1]+ESP[3DES,SHA1]", SecurityProtocol.AhAndEsp, EncryptionAlgorithm.TripleDES, IntegrityAlgorithm.SHA1, IntegrityAlgorithm.SHA1, 100000, 3600)]
    [InlineData("AH[MD5]+ESP[DES,None]:30000k", SecurityProtocol.AhAndEsp, EncryptionAlgorithm.DES, IntegrityAlgorithm.None, IntegrityAlgorithm.MD5, 30000, 3600)]
    [InlineData("ESP[AES128,SHA1]:900s", SecurityProtocol.Esp, EncryptionAlgorithm.AES128, IntegrityAlgorithm.SHA1, IntegrityAlgorithm.None, 100000, 900)]
    public void Security_methods_parse_in_netsh_form(string text, SecurityProtocol protocol, EncryptionAlgorithm encryption,
        IntegrityAlgorithm integrity, IntegrityAlgorithm ahIntegrity, long kilobytes, int seconds)
    {
        var method = SecurityMethod.Parse(text);

        Assert.Equal(protocol, method.Protocol);
        Assert.Equal(encryption, method.Encryption);
        Assert.Equal(integrity, method.Integrity);
        Assert.Equal(ahIntegrity, method.AhIntegrity);
        Assert.Equal(kilobytes, method.LifetimeKilobytes);
        Assert.Equal(seconds, method.LifetimeSeconds);
        Assert.Equal(method, SecurityMethod.Parse(method.ToString()));
    }

    [Theory]
    [InlineData("ESP[None,None]", ErrorIds.InvalidSecurityMethod)]
    [InlineData("ESP[AESGCM128,SHA1]", ErrorIds.InvalidSecurityMethod)]
    [InlineData("AH[None]", ErrorIds.InvalidSecurityMethod)]
    [InlineData("ESP[3DES,SHA1]+AH[SHA1]", ErrorIds.InvalidSecurityMethod)]
    [InlineData("ESP[BLOWFISH,SHA1]", ErrorIds.InvalidSecurityMethod)]
    [InlineData("ESP[AES128,SHA1]:100k/3600s", ErrorIds.InvalidLifetime)]
    [InlineData("ESP[AES128,SHA1]:100000k/10s", ErrorIds.InvalidLifetime)]
    [InlineData("ESP[AES128,SHA1]:soon", ErrorIds.InvalidSecurityMethod)]
    [InlineData("", ErrorIds.InvalidSecurityMethod)]
    public void Bad_security_methods_are_refused(string text, string errorId)
    {
        Assert.Equal(errorId, Assert.Throws<PolicyException>(() => SecurityMethod.Parse(text)).ErrorId);
    }

    [Theory]
    [InlineData("AES256-SHA256-14", EncryptionAlgorithm.AES256, IntegrityAlgorithm.SHA256, DHGroup.Group14)]
    [InlineData("3DES-SHA1-2", EncryptionAlgorithm.TripleDES, IntegrityAlgorithm.SHA1, DHGroup.Group2)]
    [InlineData("des-md5-1", EncryptionAlgorithm.DES, IntegrityAlgorithm.MD5, DHGroup.Group1)]
    [InlineData("AES128-SHA1-DH19", EncryptionAlgorithm.AES128, IntegrityAlgorithm.SHA1, DHGroup.Group19)]
    [InlineData("AES192-SHA384-31", EncryptionAlgorithm.AES192, IntegrityAlgorithm.SHA384, DHGroup.Group31)]
    public void Main_mode_methods_parse(string text, EncryptionAlgorithm encryption, IntegrityAlgorithm hash, DHGroup group)
    {
        var method = MainModeMethod.Parse(text);

        Assert.Equal(new MainModeMethod(encryption, hash, group), method);
        Assert.Equal(method, MainModeMethod.Parse(method.ToString()));
    }

    [Theory]
    [InlineData("AES256-SHA256")]
    [InlineData("AES256-SHA256-3")]
    [InlineData("AESGCM256-SHA256-14")]
    [InlineData("AES256-None-14")]
    [InlineData("RC4-SHA1-2")]
    public void Bad_main_mode_methods_are_refused(string text)
    {
        Assert.Equal(ErrorIds.InvalidMainModeMethod, Assert.Throws<PolicyException>(() => MainModeMethod.Parse(text)).ErrorId);
    }

    [Theory]
    [InlineData("Any", 0)]
    [InlineData("0", 0)]
    [InlineData("icmp", 1)]
    [InlineData("TCP", 6)]
    [InlineData("udp", 17)]
    [InlineData("Raw", 255)]
    [InlineData("47", 47)]
    public void Protocols_parse(string text, int number)
    {
        Assert.Equal(number, FilterProtocol.Parse(text).Number);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("-1")]
    [InlineData("sctpish")]
    public void Bad_protocols_are_refused(string text)
    {
        Assert.Equal(ErrorIds.InvalidProtocol, Assert.Throws<PolicyException>(() => FilterProtocol.Parse(text)).ErrorId);
    }
}
