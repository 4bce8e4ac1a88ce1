using System.Security.Cryptography;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Host.Tests.Security;

/// <summary>
/// Every cell of the access matrix (docs/access-matrix.md, generated from the services' access
/// tables) tried against the embedded host over HTTP/2: each role with a token reaching the
/// request's village, household, supermarket or cooperative, and with one reaching only others.
/// </summary>
public sealed class AccessMatrixTests(MatrixSeed seed) : IClassFixture<MatrixSeed>
{
    public static TheoryData<string> Methods => new(MatrixSamples.ByMethod.Keys.Order(StringComparer.Ordinal));

    private AccessPolicy Policy => seed.App.Services.GetRequiredService<AccessPolicy>();

    [Fact]
    public void Every_RPC_the_host_serves_has_an_access_rule_and_every_rule_names_a_served_RPC()
    {
        var served = seed.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>())
            .Where(m => m is not null)
            .Select(m => m!.Method.FullName)
            .ToHashSet();

        Assert.NotEmpty(served);
        Assert.DoesNotContain(served, m => Policy.Find(m) is null);
        Assert.DoesNotContain(Policy.Rules, r => !served.Contains(r.FullName));
    }

    [Fact]
    public void Every_RPC_with_a_rule_has_a_sample_request_in_the_matrix_test()
    {
        var guarded = Policy.Rules.Where(r => r.Kind != AccessKind.Public).Select(r => r.FullName).Order(StringComparer.Ordinal);
        Assert.Equal(guarded, MatrixSamples.ByMethod.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Each_role_is_allowed_in_its_scope_and_denied_out_of_it_as_the_matrix_says(string method)
    {
        var rule = Policy.Find(method)!;
        var request = MatrixSamples.ByMethod[method](seed);
        var wrong = new List<string>();
        foreach (var role in Roles.All)
        {
            var home = await seed.CallAsync(rule.Method, request, MatrixTokens.Home(role));
            var away = await seed.CallAsync(rule.Method, request, MatrixTokens.Away(role));
            if (!rule.Allows(role))
            {
                Expect(home.DeniedByAccess && home.Reason == "ROLE_NOT_ALLOWED", role, "in scope", "denied (role)", home);
                Expect(away.DeniedByAccess && away.Reason == "ROLE_NOT_ALLOWED", role, "out of scope", "denied (role)", away);
                continue;
            }

            Expect(!home.DeniedByAccess && !home.Unauthenticated && home.Code is not (StatusCode.Internal or StatusCode.Unknown),
                role, "in scope", "allowed", home);
            if (role.IsDeploymentWide() || rule.ScopeText == "None")
            {
                Expect(!away.DeniedByAccess && !away.Unauthenticated, role, "out of scope", "allowed (no scope)", away);
            }
            else
            {
                Expect(away.DeniedByAccess && away.Reason == "OUT_OF_SCOPE", role, "out of scope", "denied (scope)", away);
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));

        void Expect(bool ok, Role role, string where, string expected, CallOutcome outcome)
        {
            if (!ok)
            {
                wrong.Add($"{rule.Method.Name} as {role.ClaimValue()} {where}: expected {expected}, got {outcome}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Missing_expired_malformed_and_wrongly_signed_tokens_are_unauthenticated(string method)
    {
        var rule = Policy.Find(method)!;
        var request = MatrixSamples.ByMethod[method](seed);
        var everything = new TokenRequest("matrix", Roles.All.Where(r => r != Role.Auditor).ToList(), TimeSpan.FromHours(1))
        {
            Villages = ["*"], Supermarkets = ["*"], Cooperatives = ["*"], Household = new HouseholdScope(MatrixSeed.Village, "001"),
        };
        var otherKey = SigningKeys.LoadPrivate(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), createIfMissing: false);
        var good = TestTokens.Mint(everything);
        var parts = good.Split('.');
        var cases = new Dictionary<string, (string? Header, string Reason)>
        {
            ["no header"] = (null, "TOKEN_MISSING"),
            ["empty bearer"] = ("Bearer ", "TOKEN_MALFORMED"),
            ["not bearer"] = ("Basic dXNlcjpwYXNz", "TOKEN_MALFORMED"),
            ["garbage"] = ("Bearer not-a-token", "TOKEN_MALFORMED"),
            ["expired"] = ("Bearer " + TestTokens.Mint(everything with { IssuedAt = DateTimeOffset.UtcNow.AddDays(-2) }), "TOKEN_EXPIRED"),
            ["other key"] = ("Bearer " + TokenIssuer.Mint(otherKey, AuthOptions.DefaultIssuer, everything), "TOKEN_SIGNATURE_INVALID"),
            ["altered payload"] = ("Bearer " + string.Join('.', parts[0], parts[1][..^2] + (parts[1][^2..] == "AA" ? "AB" : "AA"), parts[2]), "TOKEN_"),
            ["no signature"] = ("Bearer " + parts[0] + "." + parts[1] + ".", "TOKEN_"),
            ["other issuer"] = ("Bearer " + TestTokensForIssuer(everything), "TOKEN_ISSUER_INVALID"),
        };
        var wrong = new List<string>();
        foreach (var (name, (header, reason)) in cases)
        {
            var outcome = await seed.CallAsync(rule.Method, request, header);
            if (!outcome.Unauthenticated || !outcome.Reason!.StartsWith(reason, StringComparison.Ordinal) || outcome.Message.Length == 0)
            {
                wrong.Add($"{rule.Method.Name} with {name}: expected Unauthenticated {reason}, got {outcome}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        using var anonymous = seed.App.ChannelWithToken(null);
        var health = new Grpc.Health.V1.Health.HealthClient(anonymous);
        var response = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = "" });
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task A_client_with_the_service_token_reaches_the_ledger_and_nothing_the_service_role_is_not_given()
    {
        var services = new ServiceCollection();
        services.AddSingleton(seed.App.Services.GetRequiredService<ServiceToken>());
        services.AddGrpcClient<ScoringApi.Ledger.LedgerClient>(o => o.Address = seed.App.Address).AddPlatformServiceToken();
        services.AddGrpcClient<ScoringApi.Villages.VillagesClient>(o => o.Address = seed.App.Address).AddPlatformServiceToken();
        await using var provider = services.BuildServiceProvider();

        var hold = await provider.GetRequiredService<ScoringApi.Ledger.LedgerClient>().GetHoldAsync(new ScoringApi.GetHoldRequest { HoldId = seed.HoldId });
        Assert.Equal(seed.HoldId, hold.HoldId);
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await provider.GetRequiredService<ScoringApi.Villages.VillagesClient>().ListVillagesAsync(new ScoringApi.ListVillagesRequest()));
    }

    private static string TestTokensForIssuer(TokenRequest request) =>
        TokenIssuer.Mint(TestTokens.Key, "another-installation", request);
}
