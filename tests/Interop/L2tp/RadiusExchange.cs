using System.Net;

namespace Interop.L2tp;

/// <summary>
/// One request the <see cref="RadiusStandIn"/> answered: Access-Request with the proof it carried
/// (PAP, CHAP, none), or Accounting-Request with its Acct-Status-Type; the answer; the NAS.
/// </summary>
internal sealed record RadiusExchange(string Request, string? UserName, string Detail, string Answer, IPEndPoint From)
{
    public override string ToString() => $"{Request} user '{UserName}' {Detail} from {From} -> {Answer}";
}
