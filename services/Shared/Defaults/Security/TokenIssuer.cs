using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Security;

/// <summary>Mints ES256 tokens with a private key (the `token` command, service tokens, tests).</summary>
public static class TokenIssuer
{
    public static string Mint(ECDsaSecurityKey key, string issuer, TokenRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            throw new ArgumentException("A token names its holder (the subject).", nameof(request));
        }

        if (request.Roles.Count == 0)
        {
            throw new ArgumentException("A token names at least one role.", nameof(request));
        }

        var issuedAt = (request.IssuedAt ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = request.Subject,
            [TokenClaims.TokenId] = Guid.NewGuid().ToString("N"),
            [TokenClaims.Role] = request.Roles.Count == 1
                ? request.Roles[0].ClaimValue()
                : request.Roles.Select(r => r.ClaimValue()).ToArray(),
        };
        if (request.Villages.Count > 0) claims[TokenClaims.Villages] = request.Villages.ToArray();
        if (request.Supermarkets.Count > 0) claims[TokenClaims.Supermarkets] = request.Supermarkets.ToArray();
        if (request.Cooperatives.Count > 0) claims[TokenClaims.Cooperatives] = request.Cooperatives.ToArray();
        if (request.Household is not null) claims[TokenClaims.Household] = request.Household.ToString();

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = issuer,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + request.Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
