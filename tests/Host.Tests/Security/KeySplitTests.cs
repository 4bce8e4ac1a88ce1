using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Scoring.V1;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests.Security;

/// <summary>
/// Split keys, as in the distributed run: the sign-in side's key signs people's tokens, each
/// service's own key only its own service token, and the access table names which service may
/// call which RPC. The host here serves Scoring with Scoring's own key, trusting only public keys.
/// </summary>
public sealed class KeySplitTests : IAsyncLifetime
{
    private static readonly ECDsaSecurityKey People = NewKey();
    private static readonly ECDsaSecurityKey Scoring = NewKey();
    private static readonly ECDsaSecurityKey Redemption = NewKey();
    private static readonly ECDsaSecurityKey Dividends = NewKey();

    private readonly TempFolder data = new();
    private RunningApp host = null!;

    public async Task InitializeAsync() =>
        host = await RunningApp.StartAsync(args => Program.Build(args), new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Embedded",
            ["Platform:DataFolder"] = data.Path,
            ["Platform:BackgroundJobs"] = "false",
            ["Platform:Auth:SigningKey"] = Scoring.ECDsa.ExportPkcs8PrivateKeyPem(),
            ["Platform:Auth:PeopleKeys:0"] = SigningKeys.PublicPem(People),
            ["Platform:Auth:ServiceKeys:redemption"] = SigningKeys.PublicPem(Redemption),
            ["Platform:Auth:ServiceKeys:dividends"] = SigningKeys.PublicPem(Dividends),
        });

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task A_persons_token_signed_by_the_people_key_is_accepted()
    {
        using var channel = host.ChannelWithToken(Mint(People, "county office", Role.CountyAdmin));

        var villages = await new Villages.VillagesClient(channel).ListVillagesAsync(new ListVillagesRequest());

        Assert.Empty(villages.Villages);
    }

    [Fact]
    public async Task A_service_token_signed_by_the_people_key_is_refused()
    {
        using var channel = host.ChannelWithToken(Mint(People, "service:redemption", Role.Service));

        await RpcAssert.RefusedAsync(StatusCode.Unauthenticated, "TOKEN_ROLE_NOT_FOR_KEY",
            async () => await new Ledger.LedgerClient(channel).GetHoldAsync(new GetHoldRequest { HoldId = "order-1" }));
    }

    [Fact]
    public async Task Redemptions_service_token_reaches_the_ledgers_holds()
    {
        using var channel = host.ChannelWithToken(Mint(Redemption, "service:redemption", Role.Service));
        var ledger = new Ledger.LedgerClient(channel);

        // Past the access check, the ledger answers for the data: there is no such hold or household.
        await NotRefusedByAccessAsync(async () => await ledger.GetHoldAsync(new GetHoldRequest { HoldId = "order-1" }));
        await NotRefusedByAccessAsync(async () => await ledger.HoldAsync(new HoldRequest
        {
            HoldId = "order-2", Household = new HouseholdRef { VillageCode = "V1", HouseholdNumber = "001" }, Points = 10, Actor = "Li Hua",
        }));
    }

    [Fact]
    public async Task Redemptions_service_token_is_refused_what_the_table_does_not_grant_to_services()
    {
        using var channel = host.ChannelWithToken(Mint(Redemption, "service:redemption", Role.Service));

        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await new Awards.AwardsClient(channel).ApproveAsync(new ApproveRequest { IdempotencyKey = "k1", ProposalId = 1, MemberId = "m1" }));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await new Households.HouseholdsClient(channel).RegisterHouseholdsAsync(new RegisterHouseholdsRequest { IdempotencyKey = "k2", VillageCode = "V1" }));
    }

    [Fact]
    public async Task Another_services_token_is_refused_the_ledger_lines_granted_to_redemption()
    {
        using var channel = host.ChannelWithToken(Mint(Dividends, "service:dividends", Role.Service));

        var ex = await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "SERVICE_NOT_ALLOWED",
            async () => await new Ledger.LedgerClient(channel).HoldAsync(new HoldRequest
            {
                HoldId = "order-3", Household = new HouseholdRef { VillageCode = "V1", HouseholdNumber = "001" }, Points = 10, Actor = "x",
            }));
        Assert.Contains("redemption", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_by_a_services_key_claiming_a_persons_role_is_refused()
    {
        using var admin = host.ChannelWithToken(Mint(Redemption, "service:redemption", Role.CountyAdmin));
        using var both = host.ChannelWithToken(Mint(Redemption, "service:redemption", Role.Service, Role.CountyAdmin));

        await RpcAssert.RefusedAsync(StatusCode.Unauthenticated, "TOKEN_ROLE_NOT_FOR_KEY",
            async () => await new Villages.VillagesClient(admin).ListVillagesAsync(new ListVillagesRequest()));
        await RpcAssert.RefusedAsync(StatusCode.Unauthenticated, "TOKEN_ROLE_NOT_FOR_KEY",
            async () => await new Villages.VillagesClient(both).ListVillagesAsync(new ListVillagesRequest()));
    }

    [Fact]
    public async Task A_service_token_naming_another_service_than_its_key_is_refused()
    {
        using var channel = host.ChannelWithToken(Mint(Dividends, "service:redemption", Role.Service));

        await RpcAssert.RefusedAsync(StatusCode.Unauthenticated, "TOKEN_SUBJECT_NOT_FOR_KEY",
            async () => await new Ledger.LedgerClient(channel).GetHoldAsync(new GetHoldRequest { HoldId = "order-1" }));
    }

    [Fact]
    public async Task The_services_own_key_signs_its_service_token_but_is_not_trusted_for_tokens_it_receives()
    {
        using var channel = host.ChannelWithToken(Mint(Scoring, "county office", Role.CountyAdmin));

        await RpcAssert.RefusedAsync(StatusCode.Unauthenticated, "TOKEN_SIGNATURE_INVALID",
            async () => await new Villages.VillagesClient(channel).ListVillagesAsync(new ListVillagesRequest()));
    }

    private static async Task NotRefusedByAccessAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            Assert.True(ex.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Internal),
                $"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    private static string Mint(ECDsaSecurityKey key, string subject, params Role[] roles) =>
        TokenIssuer.Mint(key, AuthOptions.DefaultIssuer, new TokenRequest(subject, roles, TimeSpan.FromHours(1)));

    private static ECDsaSecurityKey NewKey() =>
        SigningKeys.LoadPrivate(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), createIfMissing: false);
}
