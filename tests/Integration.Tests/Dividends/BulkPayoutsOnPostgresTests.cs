using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dividends.Data;
using Platform.Dividends.Payouts;
using Platform.Integration.Tests.Hosting;
using Platform.ServiceDefaults.Text;
using Platform.Testing;
using Xunit;
using Api = Platform.Contracts.Dividends.V1;
using DividendsProgram = Platform.Dividends.Program;

namespace Platform.Integration.Tests.Dividends;

/// <summary>
/// On real PostgreSQL: all of a distribution's payouts created by calls raced at once exist once each,
/// the bank's result file imported by calls raced at once pays each payout once, and two board members
/// signing for one body at once leave one signature.
/// </summary>
public sealed class BulkPayoutsOnPostgresTests : IAsyncLifetime
{
    private const string Village = "410522101201";
    private const int Households = 24;
    private readonly string code = "IT-BULK-" + Random.Shared.Next(100_000, 999_999);
    private string database = null!;
    private RunningApp service = null!;
    private Api.Payouts.PayoutsClient payouts = null!;
    private long distributionId;

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("dividends");
        service = await DistributedServices.StartAsync(args => DividendsProgram.Build(args), "dividends", database);
        payouts = new Api.Payouts.PayoutsClient(service.Channel);
        await new Api.Cooperatives.CooperativesClient(service.Channel).RegisterCooperativeAsync(new Api.RegisterCooperativeRequest
        {
            IdempotencyKey = "register", Code = code, Name = "Shangping Tea Cooperative", Kind = Api.CooperativeKind.VillageShareholding, VillageCode = Village,
        });
        var members = new Api.Members.MembersClient(service.Channel);
        for (var i = 0; i < Households; i++)
        {
            var member = (await members.JoinCooperativeAsync(new Api.JoinCooperativeRequest
            {
                IdempotencyKey = $"join-{i}", CooperativeCode = code, VillageCode = Village, HouseholdNumber = $"H{i:000}", HeadName = $"户主{i}", JoinedOn = "2024-01-01",
            })).MemberId;
            await members.RecordHoldingAsync(new Api.RecordHoldingRequest
            {
                IdempotencyKey = $"holding-{i}", CooperativeCode = code, MemberId = member, ShareClass = Api.ShareClass.Land, Quantity = 100 + i, EffectiveFrom = "2024-01-01",
            });
            var body = $"41052219{60 + i}0101{i:000}";
            await payouts.SetPaymentDetailsAsync(new Api.SetPaymentDetailsRequest
            {
                IdempotencyKey = $"details-{i}", CooperativeCode = code, MemberId = member, Method = Api.PayoutMethod.BankTransfer,
                Account = $"00623052{i:0000000000}", AccountHolder = $"户主{i}", IdCardNumber = body + IdCardNumber.CheckCharacter(body),
            });
        }

        var distributions = new Api.Distributions.DistributionsClient(service.Channel);
        await distributions.SetPolicyAsync(new Api.SetPolicyRequest
        {
            IdempotencyKey = "policy", CooperativeCode = code, ReserveBp = 1_000,
            ClassWeights = { new Api.ClassWeight { ShareClass = Api.ShareClass.Land, Weight = 1 } },
        });
        distributionId = (await distributions.DraftDistributionAsync(new Api.DraftDistributionRequest
        {
            IdempotencyKey = "draft", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", IncomeFen = 10_000_000,
        })).DistributionId;
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }

    private async Task PublishAsync()
    {
        await BoardSignatures.ApproveAsync(service, code, distributionId);
        await new Api.Distributions.DistributionsClient(service.Channel).PublishDistributionAsync(
            new Api.PublishDistributionRequest { IdempotencyKey = "publish", DistributionId = distributionId, NoticeDays = 0 });
    }

    private async Task<T> WithDbAsync<T>(Func<DividendsDb, Task<T>> read)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DividendsDb>());
    }

    [Fact]
    public async Task Bulk_creation_raced_at_once_creates_each_payout_once()
    {
        await PublishAsync();

        // Four under keys of their own and two under one key, all at once.
        var answers = await Task.WhenAll(new[] { "a", "b", "c", "d", "same", "same" }.Select(key =>
            payouts.CreatePayoutsAsync(new Api.CreatePayoutsRequest { IdempotencyKey = key, DistributionId = distributionId }).ResponseAsync));

        var rows = await WithDbAsync(db => db.Payouts.AsNoTracking().Where(p => p.DistributionId == distributionId).ToListAsync());
        Assert.Equal(Households, rows.Count);
        Assert.Equal(Households, rows.Select(p => p.MemberId).Distinct().Count());
        var createdOnce = answers[..5].SelectMany(a => a.Created).Select(p => p.PayoutId).ToList();
        Assert.Equal(Households, createdOnce.Count);
        Assert.Equal(answers[4], answers[5]);
        Assert.All(answers, a => Assert.Empty(a.MembersWithoutDetails));
    }

    [Fact]
    public async Task A_result_file_imported_by_calls_raced_at_once_pays_each_payout_once()
    {
        await PublishAsync();
        await payouts.CreatePayoutsAsync(new Api.CreatePayoutsRequest { IdempotencyKey = "bulk", DistributionId = distributionId });
        var created = (await payouts.ListPayoutsAsync(new Api.ListPayoutsRequest { DistributionId = distributionId })).Payouts;
        var lines = string.Concat(created.Select(p => $"{p.PayoutId},{BankTransferCsv.Yuan(p.AmountFen)},paid,BANK-{p.MemberId}\n"));
        // The same file three times, and the same lines under two other headers (other files, other hashes).
        var files = new[] { "id,amount,result,reference\n", "id,amount,result,reference\n", "id,amount,result,reference\n", "编号,金额,结果,流水号\n", "payout,yuan,status,ref\n" }
            .Select(header => Google.Protobuf.ByteString.CopyFrom(Encoding.UTF8.GetBytes(header + lines)));

        var answers = await Task.WhenAll(files.Select(csv =>
            payouts.ImportBankResultAsync(new Api.ImportBankResultRequest { DistributionId = distributionId, Csv = csv }).ResponseAsync));

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);
        Assert.Equal(Households, answers[0].Applied + answers[3].Applied + answers[4].Applied);
        Assert.All(answers, a => Assert.Equal((Households, 0), (a.Applied + a.AlreadyApplied, a.Refused)));
        var rows = await WithDbAsync(db => db.Payouts.AsNoTracking().Where(p => p.DistributionId == distributionId).ToListAsync());
        Assert.All(rows, p => Assert.Equal((PayoutStatus.Paid, 1, $"BANK-{p.MemberId}"), (p.Status, p.Attempts, p.Reference)));
        Assert.Equal(Households, await WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type.Contains("DividendPaid"))));
        var distribution = await new Api.Distributions.DistributionsClient(service.Channel).GetDistributionAsync(new Api.GetDistributionRequest { DistributionId = distributionId });
        Assert.Equal(Api.DistributionStatus.Paid, distribution.Status);
    }

    [Fact]
    public async Task Two_board_members_signing_at_once_leave_one_signature()
    {
        await BoardSignatures.RosterAsync(service, code);
        await new Api.Board.BoardClient(service.Channel).AddBoardMemberAsync(new Api.AddBoardMemberRequest
        {
            IdempotencyKey = "second", CooperativeCode = code, Body = Api.BoardBody.Board, Name = "赵德明", Subject = "board.zhao", TermFrom = "2000-01-01",
        });

        var outcomes = await Task.WhenAll(new[] { BoardSignatures.BoardSubject, "board.zhao" }.Select(async subject =>
        {
            try
            {
                return (await BoardSignatures.SignAsync(service, code, distributionId, subject)).BoardApprover;
            }
            catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.FailedPrecondition)
            {
                return null;
            }
        }));

        var signed = await new Api.Distributions.DistributionsClient(service.Channel).GetDistributionAsync(new Api.GetDistributionRequest { DistributionId = distributionId });
        Assert.Contains(signed.BoardApprover, new[] { "王建国", "赵德明" });
        Assert.Equal(signed.BoardApprover, Assert.Single(outcomes, o => o is not null));
        Assert.Equal(Api.DistributionStatus.Draft, signed.Status);
    }
}
