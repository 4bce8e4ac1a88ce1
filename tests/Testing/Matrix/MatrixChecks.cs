using System.Security.Cryptography;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Security;
using Xunit;
using RedemptionApi = Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Testing.Matrix;

/// <summary>
/// The checks of the access matrix (docs/access-matrix.md), on whatever hosts a seed runs on:
/// the embedded host (tests/Host.Tests) and the distributed services (tests/Integration.Tests)
/// pass through exactly the same cells.
/// </summary>
public static class MatrixChecks
{
    /// <summary>The RPCs with a sample request, in order: the matrix tests' theory data.</summary>
    public static IEnumerable<string> Methods => MatrixSamples.ByMethod.Keys.Order(StringComparer.Ordinal);

    /// <summary>Each host serves exactly the RPCs its access tables name.</summary>
    public static void EveryServedRpcHasARuleAndEveryRuleIsServed(MatrixSeed seed)
    {
        foreach (var app in seed.Apps)
        {
            var policy = app.Services.GetRequiredService<AccessPolicy>();
            var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>())
                .Where(m => m is not null)
                .Select(m => m!.Method.FullName)
                .ToHashSet();

            Assert.NotEmpty(served);
            Assert.DoesNotContain(served, m => policy.Find(m) is null);
            Assert.DoesNotContain(policy.Rules, r => !served.Contains(r.FullName));
        }
    }

    /// <summary>The guarded RPCs of all hosts together are exactly those with a sample request.</summary>
    public static void EveryGuardedRpcHasASample(MatrixSeed seed)
    {
        var guarded = seed.Apps
            .SelectMany(a => a.Services.GetRequiredService<AccessPolicy>().Rules)
            .Where(r => r.Kind != AccessKind.Public)
            .Select(r => r.FullName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(guarded, Methods);
    }

    /// <summary>
    /// Every role, with a token reaching the request's home things and with one reaching only
    /// others: allowed in scope (never Internal), refused out of scope or to a role the rule
    /// does not name, with the reason the matrix gives.
    /// </summary>
    public static async Task EachRoleIsAllowedInScopeAndDeniedOutOfItAsync(MatrixSeed seed, string method)
    {
        var rule = seed.Rule(method);
        Assert.True(rule is not null, $"{method} has no access rule on the host serving it");
        var request = MatrixSamples.ByMethod[method](seed);
        var wrong = new List<string>();
        foreach (var role in Roles.All)
        {
            var home = await seed.CallAsync(rule.Method, request, seed.Tokens.Home(role));
            var away = await seed.CallAsync(rule.Method, request, seed.Tokens.Away(role));
            if (!rule.Allows(role))
            {
                Expect(home.DeniedByAccess && home.Reason == "ROLE_NOT_ALLOWED", role, "in scope", "denied (role)", home);
                Expect(away.DeniedByAccess && away.Reason == "ROLE_NOT_ALLOWED", role, "out of scope", "denied (role)", away);
                continue;
            }

            Expect(!home.DeniedByAccess && !home.Unauthenticated && home.Code is not (StatusCode.Internal or StatusCode.Unknown)
                && home.Reason != "ACTOR_NOT_CALLER", role, "in scope", "allowed", home);
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

    /// <summary>No token, an empty, non-bearer, garbage, expired, altered, unsigned, other-key or other-issuer one: Unauthenticated.</summary>
    public static async Task BadTokensAreUnauthenticatedAsync(MatrixSeed seed, string method)
    {
        var rule = seed.Rule(method);
        Assert.True(rule is not null, $"{method} has no access rule on the host serving it");
        var request = MatrixSamples.ByMethod[method](seed);
        var everything = new TokenRequest("matrix", Roles.All.Where(r => r != Role.Auditor).ToList(), TimeSpan.FromHours(1))
        {
            Villages = ["*"], Supermarkets = ["*"], Cooperatives = ["*"], Household = new HouseholdScope(seed.Codes.Village, "001"),
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
            ["other issuer"] = ("Bearer " + TokenIssuer.Mint(TestTokens.Key, "another-installation", everything), "TOKEN_ISSUER_INVALID"),
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

    public static async Task HealthAnswersWithoutATokenAsync(MatrixSeed seed)
    {
        foreach (var app in seed.Apps)
        {
            using var anonymous = app.ChannelWithToken(null);
            var health = new Grpc.Health.V1.Health.HealthClient(anonymous);
            var response = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = "" });
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
    }

    /// <summary>
    /// A panel member's token acts only in its holder's name: approving or proposing as another
    /// member is refused and changes nothing (so nobody steps round the recusal rule in another's
    /// name); in its own name it goes through; the village office may record in a member's name.
    /// A clerk's token redeems only under the clerk's own name.
    /// </summary>
    public static async Task PanelMembersActOnlyInTheirOwnNameAsync(MatrixSeed seed)
    {
        var app = seed.ServerOf(MatrixSeed.ScoringPackage);
        var office = new ScoringApi.Awards.AwardsClient(app.ChannelWithToken(
            TestTokens.Mint(Role.VillageAdmin, subject: "Secretary Hu Min", villages: [seed.Codes.Village])));
        var proposal = await office.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "actor-proposal", VillageCode = seed.Codes.Village, HouseholdNumber = "004", RuleCode = "TIDY-HOME", ProposedBy = "m1",
        });
        var m2 = new ScoringApi.Awards.AwardsClient(app.ChannelWithToken(
            TestTokens.Mint(Role.PanelMember, subject: "m2", villages: [seed.Codes.Village])));

        var refused = await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ACTOR_NOT_CALLER", () => m2.ApproveAsync(new ScoringApi.ApproveRequest
        {
            IdempotencyKey = "actor-approve-as-m3", ProposalId = proposal.Id, MemberId = "m3",
        }).ResponseAsync);
        Assert.Contains("m2", refused.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ACTOR_NOT_CALLER", () => m2.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "actor-propose-as-m1", VillageCode = seed.Codes.Village, HouseholdNumber = "006", RuleCode = "DISASTER-DUTY", ProposedBy = "m1",
        }).ResponseAsync);
        Assert.Empty((await office.GetProposalAsync(new ScoringApi.GetProposalRequest { ProposalId = proposal.Id })).ApprovedBy);

        var approved = await m2.ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = "actor-approve-as-m2", ProposalId = proposal.Id, MemberId = "m2" });
        Assert.Equal(["m2"], approved.ApprovedBy);
        var withdrawn = await office.WithdrawAsync(new ScoringApi.WithdrawRequest
        {
            IdempotencyKey = "actor-withdraw", ProposalId = proposal.Id, MemberId = "m1", Reason = "entered twice",
        });
        Assert.Equal(ScoringApi.ProposalStatus.Withdrawn, withdrawn.Status);

        // A clerk redeems under his or her own name only: the receipt and the ledger name the clerk.
        var clerk = new RedemptionApi.Counter.CounterClient(seed.ServerOf(MatrixSeed.RedemptionPackage).ChannelWithToken(
            TestTokens.Mint(Role.Clerk, subject: "Wang Fang", villages: [seed.Codes.Village], supermarkets: [seed.Codes.Supermarket])));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ACTOR_NOT_CALLER", () => clerk.RedeemAsync(new RedemptionApi.RedeemRequest
        {
            OrderId = "actor-order", CounterCode = seed.Codes.Counter, HouseholdNumber = "004", Actor = "Zhou Lei",
            Lines = { new RedemptionApi.RedeemLine { Sku = "RICE", Quantity = 1 } },
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ORDER_NOT_FOUND",
            () => clerk.GetOrderAsync(new RedemptionApi.GetOrderRequest { OrderId = "actor-order" }).ResponseAsync);
    }

    /// <summary>
    /// Redemption's own service token (as its ScoringLink sends it) reaches the host serving
    /// Scoring's ledger, and nothing there the service role is not given.
    /// </summary>
    public static async Task ServiceTokenReachesTheLedgerAndNothingElseAsync(MatrixSeed seed)
    {
        var scoring = seed.ServerOf(MatrixSeed.ScoringPackage).Address;
        var services = new ServiceCollection();
        services.AddSingleton(seed.ServerOf(MatrixSeed.RedemptionPackage).Services.GetRequiredService<ServiceToken>());
        services.AddGrpcClient<ScoringApi.Ledger.LedgerClient>(o => o.Address = scoring).AddPlatformServiceToken();
        services.AddGrpcClient<ScoringApi.Villages.VillagesClient>(o => o.Address = scoring).AddPlatformServiceToken();
        await using var provider = services.BuildServiceProvider();

        var hold = await provider.GetRequiredService<ScoringApi.Ledger.LedgerClient>().GetHoldAsync(new ScoringApi.GetHoldRequest { HoldId = seed.HoldId });
        Assert.Equal(seed.HoldId, hold.HoldId);
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await provider.GetRequiredService<ScoringApi.Villages.VillagesClient>().ListVillagesAsync(new ScoringApi.ListVillagesRequest()));
    }
}
