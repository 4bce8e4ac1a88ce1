using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Auth;

/// <summary>
/// Mints the short-lived platform token with which the console calls the services for the
/// signed-in person, so that every audit record names that person. Only the console (the
/// sign-in side) holds the key that signs people's tokens.
/// </summary>
internal sealed class PersonTokens(SigningKeys keys, ConsoleOptions options, TimeProvider clock)
{
    public TimeSpan Lifetime => options.TokenLifetime;

    public string Mint(Account account)
    {
        var signing = keys.Signing ?? throw new InvalidOperationException(
            "The console signs people's tokens and needs Platform:Auth:SigningKey (PLATFORM_AUTH_SIGNING_KEY).");
        if (!Roles.TryParse(account.Role, out var role))
        {
            throw new InvalidOperationException($"Account {account.UserName} has an unknown role '{account.Role}'.");
        }

        var request = new TokenRequest(account.Subject, [role], options.TokenLifetime)
        {
            Villages = Account.Codes(account.Villages),
            Supermarkets = Account.Codes(account.Supermarkets),
            Cooperatives = Account.Codes(account.Cooperatives),
            Household = account.Household is { } text && HouseholdScope.TryParse(text, out var household) ? household : null,
            IssuedAt = clock.GetUtcNow(),
        };
        return TokenIssuer.Mint(signing, keys.Issuer, request);
    }
}
