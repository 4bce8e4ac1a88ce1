using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dividends.Data;
using Platform.Integration.Tests.Hosting;
using Platform.Testing;
using Xunit;
using Api = Platform.Contracts.Dividends.V1;
using DividendsProgram = Platform.Dividends.Program;

namespace Platform.Integration.Tests.Dividends;

/// <summary>A cooperative's distribution from draft to paid on real PostgreSQL, its events out over RabbitMQ.</summary>
public sealed class DividendsWorkflowTests : IAsyncLifetime
{
    private string database = null!;

    public async Task InitializeAsync() => database = await Servers.CreateDatabaseAsync("dividends");

    public Task DisposeAsync() => Servers.DropDatabaseAsync(database);

    [Fact]
    public async Task The_worked_example_is_drafted_approved_published_and_paid_on_postgres()
    {
        await using var service = await DistributedServices.StartAsync(args => DividendsProgram.Build(args), "dividends", database);
        var cooperatives = new Api.Cooperatives.CooperativesClient(service.Channel);
        var members = new Api.Members.MembersClient(service.Channel);
        var distributions = new Api.Distributions.DistributionsClient(service.Channel);
        var payouts = new Api.Payouts.PayoutsClient(service.Channel);
        var code = "IT-COOP-" + Random.Shared.Next(100_000, 999_999);
        await cooperatives.RegisterCooperativeAsync(new Api.RegisterCooperativeRequest
        {
            IdempotencyKey = $"{code}-register", Code = code, Name = "Shangping Tea Cooperative", Kind = Api.CooperativeKind.VillageShareholding, VillageCode = "410522101201",
        });
        var ids = new List<long>();
        for (var i = 1; i <= 6; i++)
        {
            var member = await members.JoinCooperativeAsync(new Api.JoinCooperativeRequest
            {
                IdempotencyKey = $"{code}-join-{i}", CooperativeCode = code, VillageCode = "410522101201", HouseholdNumber = $"H{i:000}", HeadName = $"Household {i}", JoinedOn = "2024-01-01",
            });
            ids.Add(member.MemberId);
            await members.RecordHoldingAsync(new Api.RecordHoldingRequest
            {
                IdempotencyKey = $"{code}-holding-{i}", CooperativeCode = code, MemberId = member.MemberId, EffectiveFrom = "2024-01-01",
                ShareClass = i <= 3 ? Api.ShareClass.PovertyReliefPreferred : Api.ShareClass.Population,
                Quantity = i <= 3 ? 5_000_000 : 1,
            });
        }

        await distributions.SetPolicyAsync(new Api.SetPolicyRequest
        {
            IdempotencyKey = $"{code}-policy", CooperativeCode = code, ReserveBp = 1_000, WelfareBp = 500, PreferredGuaranteeBp = 500,
            ClassWeights = { new Api.ClassWeight { ShareClass = Api.ShareClass.Population, Weight = 1 } },
        });

        var draft = await distributions.DraftDistributionAsync(new Api.DraftDistributionRequest
        {
            IdempotencyKey = $"{code}-draft", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", IncomeFen = 10_000_000,
        });
        await BoardSignatures.ApproveAsync(service, code, draft.DistributionId);
        await distributions.PublishDistributionAsync(new Api.PublishDistributionRequest { IdempotencyKey = $"{code}-publish", DistributionId = draft.DistributionId, NoticeDays = 0 });
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var payoutId = $"{code}-P{i}";
            await payouts.CreatePayoutAsync(new Api.CreatePayoutRequest
            {
                PayoutId = payoutId, DistributionId = draft.DistributionId, MemberId = id,
                Method = Api.PayoutMethod.BankTransfer, Account = $"62220200000{i}",
            });
            // Three clerks record it at once, each under a key of their own: it is still paid once.
            var paid = await Task.WhenAll(Enumerable.Range(0, 3).Select(n => payouts.RecordPayoutOutcomeAsync(
                new Api.RecordPayoutOutcomeRequest { IdempotencyKey = $"{payoutId}-paid-{n}", PayoutId = payoutId, Paid = true, Note = "BANK-" + i }).ResponseAsync));
            Assert.All(paid, p => Assert.Equal(Api.PayoutStatus.Paid, p.Status));
        }

        var final = await distributions.GetDistributionAsync(new Api.GetDistributionRequest { DistributionId = draft.DistributionId });
        Assert.Equal(Api.DistributionStatus.Paid, final.Status);
        Assert.Equal((1_000_000L, 500_000L, 0L), (final.ReserveFen, final.WelfareFen, final.RetainedFen));
        Assert.Equal([250_000L, 250_000, 250_000, 2_583_334, 2_583_333, 2_583_333], final.Allocations.Select(a => a.TotalFen));
        Assert.Equal(final.DistributableFen, final.ReserveFen + final.WelfareFen + final.RetainedFen + final.Allocations.Sum(a => a.TotalFen));

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        Assert.Equal(6, await db.Payouts.CountAsync(p => p.DistributionId == draft.DistributionId && p.Attempts == 1));
        Assert.Equal(6, await db.OutboxMessages.CountAsync(m => m.Type.Contains("DividendPaid")));
        Assert.Equal(6, await db.OutboxMessages.CountAsync(m => m.Type.Contains("MemberJoinedCooperative")));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Type.Contains("DistributionPublished")));
        await Poller.UntilAsync(async () => !await db.OutboxMessages.AnyAsync(m => m.SentAt == null),
            "the relay publishes every event to RabbitMQ with confirms", TimeSpan.FromSeconds(30));
    }
}
