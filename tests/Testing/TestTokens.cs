using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Security;

namespace Platform.Testing;

/// <summary>
/// The signing key of this test run, given to every host RunningApp starts, and tokens signed
/// with it. The hosts check these tokens exactly as they check any other: nothing is switched off.
/// </summary>
public static class TestTokens
{
    public static ECDsaSecurityKey Key { get; } = SigningKeys.LoadPrivate(
        ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), createIfMissing: false);

    /// <summary>The private key as PEM text, for Platform:Auth:SigningKey.</summary>
    public static string SigningKeyPem { get; } = Key.ECDsa.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// What existing tests call with: every role but the auditor and the household, reaching every
    /// village, supermarket and cooperative ("*"). The household and auditor roles are left out
    /// because they add nothing (their reads are open to the staff roles too).
    /// </summary>
    public static string Everything { get; } = Mint(new TokenRequest("test suite",
        [Role.CountyAdmin, Role.VillageAdmin, Role.PanelMember, Role.Clerk, Role.CooperativeAccountant, Role.Service], TimeSpan.FromDays(1))
    {
        Villages = [ScopeClaims.Everything],
        Supermarkets = [ScopeClaims.Everything],
        Cooperatives = [ScopeClaims.Everything],
    });

    public static string Mint(TokenRequest request) => TokenIssuer.Mint(Key, AuthOptions.DefaultIssuer, request);

    public static string Mint(Role role, string subject = "tester", string[]? villages = null, string[]? supermarkets = null,
        string[]? cooperatives = null, HouseholdScope? household = null) =>
        Mint(new TokenRequest(subject, [role], TimeSpan.FromHours(1))
        {
            Villages = villages ?? [], Supermarkets = supermarkets ?? [], Cooperatives = cooperatives ?? [], Household = household,
        });
}
