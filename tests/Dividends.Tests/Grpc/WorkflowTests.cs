using System.Text;
using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>A distribution from draft to paid over gRPC, against the real service in embedded mode.</summary>
public sealed class WorkflowTests : IAsyncLifetime
{
    private DividendsApp app = null!;

    public async Task InitializeAsync() => app = await DividendsApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<(string Cooperative, long[] Members)> SetUpAsync() =>
        WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);

    private async Task<Distribution> PublishedAsync(string code, int noticeDays = 0)
    {
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        await BoardSignatures.ApproveAsync(app.Host, code, draft.DistributionId);
        return await app.Distributions.PublishDistributionAsync(new PublishDistributionRequest
        {
            IdempotencyKey = $"publish-{draft.DistributionId}",
            DistributionId = draft.DistributionId,
            NoticeDays = noticeDays,
        });
    }

    [Fact]
    public async Task A_draft_previews_the_worked_example_by_part_and_the_same_draft_redrafted_is_identical()
    {
        var (code, members) = await SetUpAsync();

        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        var again = await app.Distributions.RedraftDistributionAsync(new RedraftDistributionRequest
        {
            IdempotencyKey = "redraft-1",
            DistributionId = draft.DistributionId,
            IncomeFen = 12_000_000,
            ExpensesFen = 2_000_000,
        });

        Assert.Equal(DistributionStatus.Draft, draft.Status);
        Assert.Equal(1, draft.PolicyVersion);
        Assert.Equal((10_000_000L, 1_000_000L, 500_000L, 0L), (draft.DistributableFen, draft.ReserveFen, draft.WelfareFen, draft.RetainedFen));
        Assert.Equal(members, draft.Allocations.Select(a => a.MemberId));
        Assert.Equal([250_000L, 250_000, 250_000, 0, 0, 0], draft.Allocations.Select(a => a.GuaranteedFen));
        Assert.Equal([0L, 0, 0, 2_583_334, 2_583_333, 2_583_333], draft.Allocations.Select(a => a.SharesFen));
        Assert.Equal(draft.Allocations, again.Allocations);
    }

    [Fact]
    public async Task A_published_distribution_is_paid_once_per_member_and_then_shows_as_paid()
    {
        var (code, members) = await SetUpAsync();
        var d = await PublishedAsync(code);

        foreach (var (member, i) in members.Select((m, i) => (m, i)))
        {
            var payout = await app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
            {
                PayoutId = $"P-{i}",
                DistributionId = d.DistributionId,
                MemberId = member,
                Method = i % 2 == 0 ? PayoutMethod.BankTransfer : PayoutMethod.Cash,
                Account = i % 2 == 0 ? $"6222020{i:000000000}" : string.Empty,
            });
            Assert.Equal(PayoutStatus.Pending, payout.Status);
        }

        var file = await app.Payouts.ExportBankTransferFileAsync(new ExportBankTransferFileRequest { DistributionId = d.DistributionId });
        var csv = Encoding.UTF8.GetString(file.Csv.Span);
        Assert.Equal(3, file.Rows);
        Assert.Equal(250_000 + 250_000 + 2_583_333, file.TotalFen);
        // Without payment details recorded, the holder is the head of household and the ID number is blank.
        Assert.Contains($"P-0,{members[0]},410522101201,H001,\"Head of household 1\",,\"\t6222020000000000\",2500.00", csv, StringComparison.Ordinal);

        for (var i = 0; i < members.Length; i++)
        {
            await app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = $"paid-P-{i}", PayoutId = $"P-{i}", Paid = true, Note = $"REF-{i}" });
        }

        var paid = await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = d.DistributionId });
        Assert.Equal(DistributionStatus.Paid, paid.Status);
        Assert.Equal(6, await app.OutboxCountAsync("DividendPaid"));
        Assert.Equal(1, await app.OutboxCountAsync("DistributionPublished"));

        var statement = await app.Distributions.GetMemberStatementAsync(new GetMemberStatementRequest
        {
            CooperativeCode = code,
            MemberId = members[3],
            Year = 2025,
        });
        Assert.Equal(2_583_334, statement.TotalFen);
        Assert.Equal(2_583_334, statement.PaidFen);
        Assert.Equal("paid", Assert.Single(statement.Lines).PayoutStatus);
    }

    [Fact]
    public async Task Recording_a_payout_as_paid_many_times_at_once_pays_it_once()
    {
        var (code, members) = await SetUpAsync();
        var d = await PublishedAsync(code);
        await app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
        {
            PayoutId = "P-ONCE", DistributionId = d.DistributionId, MemberId = members[0], Method = PayoutMethod.Cash,
        });

        // Eight clerks at once, each with a key of their own: the conditional update, not the key, pays it once.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = $"paid-{n}", PayoutId = "P-ONCE", Paid = true }).ResponseAsync));

        Assert.All(results, r => Assert.Equal(PayoutStatus.Paid, r.Status));
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(1, await app.OutboxCountAsync("DividendPaid"));
    }

    [Fact]
    public async Task A_second_paid_with_another_bank_reference_is_refused_naming_the_first_and_the_same_reference_returns_the_payout()
    {
        var (code, members) = await SetUpAsync();
        var d = await PublishedAsync(code);
        await app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
        {
            PayoutId = "P-TWICE",
            DistributionId = d.DistributionId,
            MemberId = members[2],
            Method = PayoutMethod.BankTransfer,
            Account = "6222000000003",
        });
        var first = await app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = "twice-1", PayoutId = "P-TWICE", Paid = true, Note = "BANK-001" });

        var same = await app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = "twice-2", PayoutId = "P-TWICE", Paid = true, Note = "BANK-001" });
        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PAYOUT_ALREADY_PAID",
            () => app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = "twice-3", PayoutId = "P-TWICE", Paid = true, Note = "BANK-002" }).ResponseAsync);

        Assert.Equal(first, same);
        Assert.Contains("BANK-001", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("BANK-001", refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["reference"]);
        var payouts = await app.Payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = d.DistributionId });
        Assert.Equal(("BANK-001", 1), payouts.Payouts.Where(p => p.PayoutId == "P-TWICE").Select(p => (p.Reference, p.Attempts)).Single());
        Assert.Equal(1, await app.OutboxCountAsync("DividendPaid"));
    }

    [Fact]
    public async Task A_failed_payout_keeps_its_reason_and_can_be_retried_until_paid()
    {
        var (code, members) = await SetUpAsync();
        var d = await PublishedAsync(code);
        await app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
        {
            PayoutId = "P-RETRY", DistributionId = d.DistributionId, MemberId = members[1],
            Method = PayoutMethod.BankTransfer, Account = "6222000000001",
        });

        var failed = await app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest
        {
            IdempotencyKey = "P-RETRY-failed", PayoutId = "P-RETRY", Paid = false, Note = "account closed",
        });
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PAYOUT_NOT_PENDING",
            () => app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = "P-RETRY-paid-early", PayoutId = "P-RETRY", Paid = true }).ResponseAsync);
        var retried = await app.Payouts.RetryPayoutAsync(new RetryPayoutRequest
        {
            IdempotencyKey = "P-RETRY-retry", PayoutId = "P-RETRY", Method = PayoutMethod.EWallet, Account = "wx-13800000000",
        });
        var paid = await app.Payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest { IdempotencyKey = "P-RETRY-paid", PayoutId = "P-RETRY", Paid = true });

        Assert.Equal((PayoutStatus.Failed, "account closed"), (failed.Status, failed.FailureReason));
        Assert.Equal((PayoutStatus.Pending, PayoutMethod.EWallet), (retried.Status, retried.Method));
        Assert.Equal((PayoutStatus.Paid, 2, 250_000L), (paid.Status, paid.Attempts, paid.AmountFen));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PAYOUT_ALREADY_PAID",
            () => app.Payouts.RetryPayoutAsync(new RetryPayoutRequest { IdempotencyKey = "P-RETRY-retry-again", PayoutId = "P-RETRY" }).ResponseAsync);
    }

    [Fact]
    public async Task During_the_public_notice_objections_are_recorded_and_nothing_can_be_paid()
    {
        var (code, members) = await SetUpAsync();
        var d = await PublishedAsync(code, noticeDays: 7);

        await app.Distributions.LodgeObjectionAsync(new LodgeObjectionRequest
        {
            IdempotencyKey = "objection-1", DistributionId = d.DistributionId, MemberId = members[4], Text = "My land shares are missing.",
        });
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOTICE_NOT_ENDED",
            () => app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
            {
                PayoutId = "P-EARLY", DistributionId = d.DistributionId, MemberId = members[4], Method = PayoutMethod.Cash,
            }).ResponseAsync);

        var now = await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = d.DistributionId });
        Assert.Equal("My land shares are missing.", Assert.Single(now.Objections).Text);
        Assert.Equal(7, (now.NoticeEndsAt.ToDateTime() - now.PublishedAt.ToDateTime()).TotalDays);
        Assert.Empty((await app.Payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = d.DistributionId })).Payouts);
    }

    [Fact]
    public async Task A_household_joining_twice_is_one_member_and_one_event()
    {
        var (code, members) = await SetUpAsync();

        var again = await app.Members.JoinCooperativeAsync(new JoinCooperativeRequest
        {
            // A new key: the household itself, not the key, makes this the same member.
            IdempotencyKey = "join-again", CooperativeCode = code, VillageCode = "410522101201", HouseholdNumber = "H001",
            HeadName = "Head of household 1", JoinedOn = "2024-06-01",
        });

        Assert.Equal(members[0], again.MemberId);
        Assert.Equal(6, await app.OutboxCountAsync("MemberJoinedCooperative"));
        Assert.Equal(6, (await app.Members.ListMembersAsync(new ListMembersRequest { CooperativeCode = code })).Members.Count);
    }

    [Fact]
    public async Task Members_are_listed_in_pages_in_the_order_they_joined_and_a_bad_page_request_is_refused()
    {
        var (code, members) = await SetUpAsync();

        var first = await app.Members.ListMembersAsync(new ListMembersRequest { CooperativeCode = code, PageSize = 4 });
        Assert.Equal(members.Take(4), first.Members.Select(m => m.MemberId));
        Assert.NotEmpty(first.NextPageToken);
        var second = await app.Members.ListMembersAsync(new ListMembersRequest { CooperativeCode = code, PageSize = 4, PageToken = first.NextPageToken });
        Assert.Equal(members.Skip(4), second.Members.Select(m => m.MemberId));
        Assert.Empty(second.NextPageToken);

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PAGE_SIZE_INVALID",
            () => app.Members.ListMembersAsync(new ListMembersRequest { CooperativeCode = code, PageSize = 501 }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            () => app.Members.ListMembersAsync(new ListMembersRequest { CooperativeCode = code, PageToken = "not-a-token" }).ResponseAsync);
    }
}
