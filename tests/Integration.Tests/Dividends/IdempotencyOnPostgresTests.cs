using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dividends.Data;
using Platform.Integration.Tests.Hosting;
using Platform.Testing;
using Xunit;
using Api = Platform.Contracts.Dividends.V1;
using DividendsProgram = Platform.Dividends.Program;

namespace Platform.Integration.Tests.Dividends;

/// <summary>
/// Dividends' idempotency keys under concurrent retries on the real PostgreSQL: the calls race
/// through the work, one commits its key, the others roll back and answer with its result.
/// </summary>
public sealed class IdempotencyOnPostgresTests : IAsyncLifetime
{
    private const string Village = "410522101201";
    private readonly string code = "IT-IDEM-" + Random.Shared.Next(100_000, 999_999);
    private string database = null!;
    private RunningApp service = null!;
    private Api.Members.MembersClient members = null!;
    private Api.Distributions.DistributionsClient distributions = null!;
    private long member;

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("dividends");
        service = await DistributedServices.StartAsync(args => DividendsProgram.Build(args), "dividends", database);
        members = new Api.Members.MembersClient(service.Channel);
        distributions = new Api.Distributions.DistributionsClient(service.Channel);
        await new Api.Cooperatives.CooperativesClient(service.Channel).RegisterCooperativeAsync(new Api.RegisterCooperativeRequest
        {
            IdempotencyKey = "register", Code = code, Name = "Shangping Tea Cooperative", Kind = Api.CooperativeKind.VillageShareholding, VillageCode = Village,
        });
        member = (await members.JoinCooperativeAsync(Join("join-1"))).MemberId;
        await distributions.SetPolicyAsync(new Api.SetPolicyRequest
        {
            IdempotencyKey = "policy", CooperativeCode = code, ReserveBp = 1_000,
            ClassWeights = { new Api.ClassWeight { ShareClass = Api.ShareClass.Land, Weight = 1 } },
        });
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }

    private Api.JoinCooperativeRequest Join(string key, string household = "H001") => new()
    {
        IdempotencyKey = key, CooperativeCode = code, VillageCode = Village, HouseholdNumber = household, HeadName = "Wang Xiulan", JoinedOn = "2024-01-01",
    };

    [Fact]
    public async Task Twenty_concurrent_retries_of_one_holding_record_it_once()
    {
        var request = new Api.RecordHoldingRequest
        {
            IdempotencyKey = "holding-once", CooperativeCode = code, MemberId = member, ShareClass = Api.ShareClass.Land,
            Quantity = 150, EffectiveFrom = "2024-01-01",
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => members.RecordHoldingAsync(request).ResponseAsync));

        Assert.Single(answers.Select(a => a.HoldingId).Distinct());
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        Assert.Equal(150, Assert.Single(await db.Holdings.Where(h => h.MemberId == member).ToListAsync()).Quantity);
        Assert.Equal(1, await db.IdempotencyRecords.CountAsync(r => r.Key == "holding-once"));
    }

    [Fact]
    public async Task Twenty_concurrent_retries_of_one_draft_draft_once()
    {
        var request = new Api.DraftDistributionRequest
        {
            IdempotencyKey = "draft-once", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", IncomeFen = 1_000_000,
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => distributions.DraftDistributionAsync(request).ResponseAsync));

        Assert.Single(answers.Select(a => a.DistributionId).Distinct());
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        Assert.Equal(1, await db.Distributions.CountAsync(d => d.CooperativeCode == code));
    }

    [Fact]
    public async Task Ten_concurrent_joins_of_one_household_under_different_keys_are_one_member_and_one_event()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            members.JoinCooperativeAsync(Join($"join-again-{i}", "H002")).ResponseAsync));

        Assert.Single(answers.Select(a => a.MemberId).Distinct());
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        Assert.Equal(1, await db.Members.CountAsync(m => m.CooperativeCode == code && m.HouseholdNumber == "H002"));
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Type.Contains("MemberJoinedCooperative")));
        Assert.Equal(10, await db.IdempotencyRecords.CountAsync(r => r.Key.StartsWith("join-again-")));
    }
}
