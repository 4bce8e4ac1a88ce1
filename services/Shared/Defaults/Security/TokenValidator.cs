using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Checks a bearer token and reads its caller, or refuses it as Unauthenticated with the
/// reason in words. Lifetimes are checked against the wall clock, not the injected business
/// clock: tests move the business clock by days, and a token's life is real time.
/// A token once accepted is remembered until it expires (at most <see cref="Remembered"/> of
/// them): a counter sends the same token with every call, and checking its ES256 signature
/// each time cost more CPU than the ledger call it guarded. Keys are read at start-up, so a
/// token accepted once stays acceptable until its expiry in any case.
/// </summary>
internal sealed class TokenValidator
{
    private const string HowToGetOne = "Ask the village office for a token (`dotnet run --project services/Host -- token --help`).";

    /// <summary>How many accepted tokens are remembered; when full, the memory starts afresh.</summary>
    public const int Remembered = 1024;

    private readonly JsonWebTokenHandler handler = new() { MaximumTokenSizeInBytes = 16 * 1024 };
    private readonly TokenValidationParameters parameters;
    private readonly ConcurrentDictionary<string, Accepted> accepted = new(StringComparer.Ordinal);

    private readonly SigningKeys keys;

    public TokenValidator(SigningKeys keys)
    {
        this.keys = keys;
        parameters = new TokenValidationParameters
        {
            ValidIssuer = keys.Issuer,
            ValidAudience = keys.Issuer,
            IssuerSigningKeys = keys.Trusted,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
    }

    /// <param name="authorization">The "authorization" header, "Bearer &lt;token&gt;".</param>
    public async Task<Caller> ValidateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw Refuse("TOKEN_MISSING", "This call needs a bearer token in the 'authorization' header. " + HowToGetOne);
        }

        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length == bearer.Length)
        {
            throw Refuse("TOKEN_MALFORMED", "The 'authorization' header must be 'Bearer <token>'.");
        }

        var token = authorization[bearer.Length..].Trim();
        if (accepted.TryGetValue(token, out var known) && DateTime.UtcNow < known.ValidTo)
        {
            return known.Caller;
        }

        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            throw Refuse(result.Exception);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var caller = Limit(ReadCaller(jwt), keys.TrustOf(jwt.SigningKey?.KeyId ?? jwt.Kid));
        if (accepted.Count >= Remembered)
        {
            accepted.Clear();
        }

        // Until its expiry without the clock skew: within the skew it is checked afresh each time.
        accepted[token] = new Accepted(caller, jwt.ValidTo);
        return caller;
    }

    private sealed record Accepted(Caller Caller, DateTime ValidTo);

    /// <summary>
    /// What the signing key may grant: a people key no service role, a service's key nothing but
    /// that service's own token, whose caller then carries the service's name for the access tables.
    /// </summary>
    private static Caller Limit(Caller caller, KeyTrust? trust)
    {
        switch (trust?.Kind)
        {
            case KeyTrustKind.Everything:
                return caller;
            case KeyTrustKind.People when !caller.Roles.Contains(Role.Service):
                return caller;
            case KeyTrustKind.People:
                throw Refuse("TOKEN_ROLE_NOT_FOR_KEY",
                    "The token claims the role service but was signed by the sign-in side's key, which signs people's tokens only. "
                    + "A service signs its own token with its own key (Platform:Auth:ServiceKeys).");
            case KeyTrustKind.Service when caller.Roles.Count != 1 || !caller.Roles.Contains(Role.Service):
                throw Refuse("TOKEN_ROLE_NOT_FOR_KEY",
                    $"The token was signed by the key of service {trust.Service}, which may sign only its own service token, "
                    + $"not one for {caller.RoleNames}.");
            case KeyTrustKind.Service when !string.Equals(caller.Subject, trust.ServiceSubject, StringComparison.Ordinal):
                throw Refuse("TOKEN_SUBJECT_NOT_FOR_KEY",
                    $"The token was signed by the key of service {trust.Service} but names '{Input.Quote(caller.Subject)}'; "
                    + $"that key signs tokens for {trust.ServiceSubject} only.");
            case KeyTrustKind.Service:
                return caller with { ServiceName = trust.Service };
            default:
                // The handler accepted the signature, so the key is one of ours; not knowing which is a fault of this code.
                throw Refuse("TOKEN_SIGNATURE_INVALID", "The token's signing key could not be told apart from the trusted keys. " + HowToGetOne);
        }
    }

    private static Caller ReadCaller(JsonWebToken jwt)
    {
        var subject = jwt.Subject;
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw Refuse("TOKEN_SUBJECT_MISSING", "The token names no holder (no 'sub' claim); ask for a new one. " + HowToGetOne);
        }

        var roles = new HashSet<Role>();
        foreach (var claim in jwt.Claims.Where(c => c.Type == TokenClaims.Role))
        {
            if (!Roles.TryParse(claim.Value, out var role))
            {
                throw Refuse("TOKEN_ROLE_UNKNOWN",
                    $"The token's role '{claim.Value}' is not one of {string.Join(", ", Roles.All.Select(r => r.ClaimValue()))}.");
            }

            roles.Add(role);
        }

        if (roles.Count == 0)
        {
            throw Refuse("TOKEN_ROLE_MISSING", "The token names no role; ask for a new one. " + HowToGetOne);
        }

        HouseholdScope? household = null;
        if (jwt.Claims.FirstOrDefault(c => c.Type == TokenClaims.Household) is { } claimed
            && !HouseholdScope.TryParse(claimed.Value, out household))
        {
            throw Refuse("TOKEN_HOUSEHOLD_MALFORMED", $"The token's household '{claimed.Value}' is not VILLAGE/NUMBER.");
        }

        var scope = new ScopeClaims(Values(jwt, TokenClaims.Villages), Values(jwt, TokenClaims.Supermarkets),
            Values(jwt, TokenClaims.Cooperatives), household);
        return new Caller(subject, roles, scope, jwt.Id ?? "");
    }

    private static HashSet<string> Values(JsonWebToken jwt, string type) =>
        jwt.Claims.Where(c => c.Type == type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    private static DomainException Refuse(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException expired => Refuse("TOKEN_EXPIRED",
            $"The token expired at {expired.Expires:yyyy-MM-dd HH:mm} UTC. " + HowToGetOne),
        SecurityTokenNotYetValidException early => Refuse("TOKEN_NOT_YET_VALID",
            $"The token is valid only from {early.NotBefore:yyyy-MM-dd HH:mm} UTC; check this computer's clock."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => Refuse("TOKEN_SIGNATURE_INVALID",
            "The token was not signed by a key this service trusts (minted for another installation, or altered). " + HowToGetOne),
        SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException => Refuse("TOKEN_ISSUER_INVALID",
            "The token was issued for another installation of the platform. " + HowToGetOne),
        SecurityTokenInvalidAlgorithmException => Refuse("TOKEN_ALGORITHM_INVALID", "The token is not signed with ES256."),
        SecurityTokenNoExpirationException => Refuse("TOKEN_MALFORMED", "The token has no expiry time."),
        _ => Refuse("TOKEN_MALFORMED", "The bearer token is not a well-formed signed JWT. " + HowToGetOne),
    };

    private static DomainException Refuse(string reason, string message) =>
        new(StatusCode.Unauthenticated, reason, message);
}
