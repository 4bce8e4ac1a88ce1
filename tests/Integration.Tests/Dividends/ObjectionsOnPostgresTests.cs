using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.Integration.Tests.Hosting;
using Platform.Testing;
using Xunit;
using Api = Platform.Contracts.Dividends.V1;
using DividendsProgram = Platform.Dividends.Program;

namespace Platform.Integration.Tests.Dividends;

/// <summary>On real PostgreSQL: an objection lodged during the public notice holds back payment until it is answered.</summary>
public sealed class ObjectionsOnPostgresTests : IAsyncLifetime
{
    private const string Village = "410522101201";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));
    private string database = null!;

    public async Task InitializeAsync() => database = await Servers.CreateDatabaseAsync("dividends");

    public Task DisposeAsync() => Servers.DropDatabaseAsync(database);

    [Fact]
    public async Task An_objection_holds_back_the_payout_until_it_is_resolved_and_then_it_is_paid()
    {
        await using var service = await DistributedServices.StartAsync(
            args => DividendsProgram.Build(args, s => s.AddSingleton<TimeProvider>(clock)), "dividends", database);
        var distributions = new Api.Distributions.DistributionsClient(service.Channel);
        var payouts = new Api.Payouts.PayoutsClient(service.Channel);
        var code = "IT-OBJ-" + Random.Shared.Next(100_000, 999_999);
        await new Api.Cooperatives.CooperativesClient(service.Channel).RegisterCooperativeAsync(new Api.RegisterCooperativeRequest
        {
            IdempotencyKey = "register", Code = code, Name = "Shangping Tea Cooperative", Kind = Api.CooperativeKind.VillageShareholding, VillageCode = Village,
        });
        var members = new Api.Members.MembersClient(service.Channel);
        var member = (await members.JoinCooperativeAsync(new Api.JoinCooperativeRequest
        {
            IdempotencyKey = "join", CooperativeCode = code, VillageCode = Village, HouseholdNumber = "H001", HeadName = "Wang Xiulan", JoinedOn = "2024-01-01",
        })).MemberId;
        await members.RecordHoldingAsync(new Api.RecordHoldingRequest
        {
            IdempotencyKey = "holding", CooperativeCode = code, MemberId = member, ShareClass = Api.ShareClass.Land, Quantity = 150, EffectiveFrom = "2024-01-01",
        });
        await distributions.SetPolicyAsync(new Api.SetPolicyRequest
        {
            IdempotencyKey = "policy", CooperativeCode = code, ReserveBp = 1_000,
            ClassWeights = { new Api.ClassWeight { ShareClass = Api.ShareClass.Land, Weight = 1 } },
        });
        var id = (await distributions.DraftDistributionAsync(new Api.DraftDistributionRequest
        {
            IdempotencyKey = "draft", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", IncomeFen = 1_000_000,
        })).DistributionId;
        await BoardSignatures.ApproveAsync(service, code, id);
        await distributions.PublishDistributionAsync(new Api.PublishDistributionRequest { IdempotencyKey = "publish", DistributionId = id, NoticeDays = 7 });
        var objection = await distributions.LodgeObjectionAsync(new Api.LodgeObjectionRequest
        {
            IdempotencyKey = "objection", DistributionId = id, MemberId = member, Text = "My land was measured short.",
        });
        clock.Advance(TimeSpan.FromDays(8));
        var create = new Api.CreatePayoutRequest { PayoutId = code + "-P1", DistributionId = id, MemberId = member, Method = Api.PayoutMethod.Cash };

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "OBJECTIONS_OPEN", () => payouts.CreatePayoutAsync(create).ResponseAsync);

        // Four people answer at once, each under a key of their own: one answer stands, the others are told it was answered.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async n =>
        {
            try
            {
                return await distributions.ResolveObjectionAsync(new Api.ResolveObjectionRequest
                {
                    IdempotencyKey = $"resolve-{n}", DistributionId = id, ObjectionId = objection.ObjectionId,
                    Resolution = $"Measured again (answer {n}): 150 mu stands.", ResolvedBy = "Zhao Min",
                });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return null;
            }
        }));
        var payout = await payouts.CreatePayoutAsync(create);
        var paid = await payouts.RecordPayoutOutcomeAsync(new Api.RecordPayoutOutcomeRequest { IdempotencyKey = "paid", PayoutId = create.PayoutId, Paid = true });

        var answer = Assert.Single(answers, a => a is not null)!;
        Assert.Equal(Api.ObjectionStatus.Resolved, answer.Status);
        Assert.Equal(Api.PayoutStatus.Pending, payout.Status);
        Assert.Equal(Api.PayoutStatus.Paid, paid.Status);
        var final = await distributions.GetDistributionAsync(new Api.GetDistributionRequest { DistributionId = id });
        Assert.Equal(Api.DistributionStatus.Paid, final.Status);
        Assert.Equal(answer, Assert.Single(final.Objections));

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        var stored = await db.Objections.SingleAsync(o => o.DistributionId == id);
        Assert.Equal((ObjectionStatus.Resolved, answer.Resolution, clock.GetUtcNow().UtcDateTime), (stored.Status, stored.Resolution, stored.ResolvedAt));
        Assert.Equal(1, await db.Payouts.CountAsync(p => p.DistributionId == id));
    }
}
