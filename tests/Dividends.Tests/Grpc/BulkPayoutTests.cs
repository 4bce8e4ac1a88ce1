using System.Text;
using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.ServiceDefaults.Text;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>Payment details, all of a distribution's payouts in one keyed call, the bank's file and its result file applied once.</summary>
public sealed class BulkPayoutTests : IAsyncLifetime
{
    private DividendsApp app = null!;
    private string code = null!;
    private long[] members = null!;
    private long distributionId;

    public async Task InitializeAsync()
    {
        app = await DividendsApp.StartAsync();
        (code, members) = await WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);
        distributionId = (await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code))).DistributionId;
        await BoardSignatures.ApproveAsync(app.Host, code, distributionId);
        await app.Distributions.PublishDistributionAsync(new PublishDistributionRequest { IdempotencyKey = "publish", DistributionId = distributionId, NoticeDays = 0 });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>A valid number (GB 11643) for the i-th invented holder.</summary>
    private static string IdNumber(int i)
    {
        var body = $"41052219{70 + i}0101{i:000}";
        return body + IdCardNumber.CheckCharacter(body);
    }

    private static string Account(int i) => $"0062305203241{i:000000}";

    private Task<PaymentDetails> DetailsAsync(int i) => app.Payouts.SetPaymentDetailsAsync(new SetPaymentDetailsRequest
    {
        IdempotencyKey = $"details-{i}", CooperativeCode = code, MemberId = members[i], Method = PayoutMethod.BankTransfer,
        Account = Account(i), AccountHolder = $"持卡人{i}", IdCardNumber = IdNumber(i),
    }).ResponseAsync;

    private async Task<List<Payout>> PayoutsAsync() =>
        [.. (await app.Payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = distributionId })).Payouts];

    [Fact]
    public async Task Payment_details_are_checked_and_answered_with_the_id_number_masked()
    {
        var details = await DetailsAsync(0);

        Assert.Equal(IdNumber(0)[..6] + "********" + IdNumber(0)[14..], details.IdCardNumber);
        Assert.Equal(Account(0), details.Account);
        var mistyped = IdNumber(1)[..17] + (IdNumber(1)[17] == '0' ? '1' : '0');
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ID_CARD_NUMBER_CHECK_FAILED", () => app.Payouts.SetPaymentDetailsAsync(new SetPaymentDetailsRequest
        {
            IdempotencyKey = "mistyped", CooperativeCode = code, MemberId = members[1], Method = PayoutMethod.BankTransfer, Account = Account(1), AccountHolder = "持卡人", IdCardNumber = mistyped,
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ID_CARD_NUMBER_REQUIRED", () => app.Payouts.SetPaymentDetailsAsync(new SetPaymentDetailsRequest
        {
            IdempotencyKey = "no-id", CooperativeCode = code, MemberId = members[1], Method = PayoutMethod.BankTransfer, Account = Account(1), AccountHolder = "持卡人",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Payouts_are_created_in_one_keyed_call_and_a_new_key_creates_only_the_missing_ones()
    {
        for (var i = 0; i < 4; i++)
        {
            await DetailsAsync(i);
        }

        var first = await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk-1", DistributionId = distributionId });
        var replay = await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk-1", DistributionId = distributionId });
        await DetailsAsync(4);
        await DetailsAsync(5);
        var second = await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk-2", DistributionId = distributionId });
        var third = await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk-3", DistributionId = distributionId });

        Assert.Equal(members[..4], first.Created.Select(p => p.MemberId));
        Assert.Equal(members[4..], first.MembersWithoutDetails);
        Assert.Equal(first, replay);
        Assert.Equal(members[4..], second.Created.Select(p => p.MemberId));
        Assert.Equal(4, second.AlreadyCreated);
        Assert.Equal((0, 6), (third.Created.Count, third.AlreadyCreated));
        var all = await PayoutsAsync();
        Assert.Equal(members, all.Select(p => p.MemberId));
        Assert.All(all, p => Assert.Equal((PayoutMethod.BankTransfer, PayoutStatus.Pending), (p.Method, p.Status)));
        Assert.Equal(Account(2), all[2].Account);
        var distribution = await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = distributionId });
        Assert.Equal(distribution.Allocations.Select(a => a.TotalFen), all.Select(p => p.AmountFen));
    }

    [Fact]
    public async Task The_bank_file_carries_a_byte_order_mark_the_full_id_number_and_numbers_as_text_and_may_be_gb18030()
    {
        await DetailsAsync(0);
        await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk", DistributionId = distributionId });

        var utf8 = (await app.Payouts.ExportBankTransferFileAsync(new ExportBankTransferFileRequest { DistributionId = distributionId })).Csv.ToByteArray();
        var gb = (await app.Payouts.ExportBankTransferFileAsync(new ExportBankTransferFileRequest { DistributionId = distributionId, Encoding = FileEncoding.Gb18030 })).Csv.ToByteArray();

        Assert.Equal([0xEF, 0xBB, 0xBF], utf8[..3]);
        var lines = Encoding.UTF8.GetString(utf8[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("payout_id,member_id,village_code,household_number,account_holder,id_card_number,account,amount_yuan", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains($",\"持卡人0\",\"\t{IdNumber(0)}\",\"\t{Account(0)}\",", row, StringComparison.Ordinal);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Assert.NotEqual([0xEF, 0xBB, 0xBF], gb[..3]);
        Assert.Equal(Encoding.UTF8.GetString(utf8[3..]), Encoding.GetEncoding("GB18030").GetString(gb));
    }

    [Fact]
    public async Task The_banks_result_file_is_applied_once_line_by_line()
    {
        for (var i = 0; i < 6; i++)
        {
            await DetailsAsync(i);
        }

        await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk", DistributionId = distributionId });
        var payouts = await PayoutsAsync();
        string Yuan(long fen) => $"{fen / 100}.{fen % 100:00}";
        var file = new StringBuilder("账号或付款编号,金额,结果,流水号或原因\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"{payouts[0].PayoutId},{Yuan(payouts[0].AmountFen)},paid,B-0001\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"\"\t{Account(1)}\",{Yuan(payouts[1].AmountFen)},成功,B-0002\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"{payouts[2].PayoutId},{Yuan(payouts[2].AmountFen)},失败,账户已销户\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"{payouts[3].PayoutId},{Yuan(payouts[3].AmountFen + 1)},paid,B-0004\n")
            .Append("NO-SUCH,1.00,paid,B-0005\n")
            .ToString();
        var request = new ImportBankResultRequest { DistributionId = distributionId, Csv = Google.Protobuf.ByteString.CopyFrom(Encoding.UTF8.GetBytes(file)) };

        var first = await app.Payouts.ImportBankResultAsync(request);
        var again = await app.Payouts.ImportBankResultAsync(request);
        var other = await app.Payouts.ImportBankResultAsync(new ImportBankResultRequest
        {
            DistributionId = distributionId,
            Csv = Google.Protobuf.ByteString.CopyFromUtf8($"{payouts[0].PayoutId},{Yuan(payouts[0].AmountFen)},paid,B-9999\n{payouts[1].PayoutId},{Yuan(payouts[1].AmountFen)},paid,B-0002\n"),
        });

        Assert.Equal((3, 0, 2), (first.Applied, first.AlreadyApplied, first.Refused));
        Assert.Equal([2, 3, 4, 5, 6], first.Lines.Select(l => l.LineNumber));
        Assert.Equal(
            [ResultLineOutcome.Applied, ResultLineOutcome.Applied, ResultLineOutcome.Applied, ResultLineOutcome.Refused, ResultLineOutcome.Refused],
            first.Lines.Select(l => l.Outcome));
        Assert.Contains("amount", first.Lines[3].Reason, StringComparison.Ordinal);
        Assert.Equal(first, again);
        Assert.Equal([ResultLineOutcome.Refused, ResultLineOutcome.AlreadyApplied], other.Lines.Select(l => l.Outcome));
        Assert.Contains("B-0001", other.Lines[0].Reason, StringComparison.Ordinal);
        var after = await PayoutsAsync();
        Assert.Equal([PayoutStatus.Paid, PayoutStatus.Paid, PayoutStatus.Failed, PayoutStatus.Pending, PayoutStatus.Pending, PayoutStatus.Pending], after.Select(p => p.Status));
        Assert.Equal(("B-0001", 1), (after[0].Reference, after[0].Attempts));
        Assert.Equal(2, await app.OutboxCountAsync("DividendPaid"));
    }

    [Fact]
    public async Task A_malformed_result_file_applies_nothing_and_names_the_line()
    {
        await DetailsAsync(0);
        await app.Payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = "bulk", DistributionId = distributionId });
        var payout = Assert.Single(await PayoutsAsync());
        var file = $"{payout.PayoutId},{payout.AmountFen / 100}.{payout.AmountFen % 100:00},paid,B-1\nX,12.345,paid,B-2\n";

        var refused = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "RESULT_FILE_MALFORMED", () => app.Payouts.ImportBankResultAsync(
            new ImportBankResultRequest { DistributionId = distributionId, Csv = Google.Protobuf.ByteString.CopyFromUtf8(file) }).ResponseAsync);

        Assert.Contains("Line 2", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(PayoutStatus.Pending, Assert.Single(await PayoutsAsync()).Status);
    }
}
