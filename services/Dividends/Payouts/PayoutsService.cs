using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Payouts;

/// <summary>
/// gRPC face of payouts. Status moves only by conditional updates (… WHERE status = pending), so
/// a payout is paid at most once however often, and however concurrently, the outcome is recorded.
/// A payout's id is the key of its creation; an outcome or a retry carries a key of its own, since
/// one payout may fail and be retried several times.
/// </summary>
internal sealed class PayoutsService(DividendsDb db, IdempotentWrites<DividendsDb> writes, TimeProvider time) : Api.Payouts.PayoutsBase
{
    public override Task<Api.Payout> RecordPayoutOutcome(Api.RecordPayoutOutcomeRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordPayoutOutcome), request, ct => RecordOutcomeAsync(request, ct), context.CancellationToken);

    public override Task<Api.Payout> RetryPayout(Api.RetryPayoutRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RetryPayout), request, ct => RetryAsync(request, ct), context.CancellationToken);

    public override Task<Api.PaymentDetails> SetPaymentDetails(Api.SetPaymentDetailsRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetPaymentDetails), request,
            ct => PaymentDetailsRules.SetAsync(db, request, time.GetUtcNow().UtcDateTime, ct), context.CancellationToken);

    public override Task<Api.CreatePayoutsResponse> CreatePayouts(Api.CreatePayoutsRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(CreatePayouts), request,
            ct => BulkPayouts.CreateAsync(db, request.DistributionId, time.GetUtcNow().UtcDateTime, ct), context.CancellationToken);

    /// <summary>The file is read whole before anything is applied; its hash is the call's key, so a file is applied once.</summary>
    public override Task<Api.ImportBankResultResponse> ImportBankResult(Api.ImportBankResultRequest request, ServerCallContext context)
    {
        var lines = BankResultFile.Parse(request.Csv.ToByteArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.Csv.Span));
        return writes.RunAsync($"bank-result:{request.DistributionId}:{hash}", nameof(ImportBankResult), request,
            ct => BankResultImport.ApplyAsync(db, request.DistributionId, lines, hash, time.GetUtcNow(), ct), context.CancellationToken);
    }

    public override async Task<Api.Payout> CreatePayout(Api.CreatePayoutRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var id = PayoutMapping.PayoutId(request.PayoutId);
        var method = PayoutMapping.Method(request.Method);
        var account = PayoutMapping.Account(method, request.Account);

        var existing = await db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.PayoutId == id, ct);
        if (existing is not null)
        {
            return SameOrRefuse(existing, request.DistributionId, request.MemberId, method, account);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var d = await PayoutGate.OpenAsync(db, request.DistributionId, time.GetUtcNow().UtcDateTime, ct);
        await CooperativeRules.KnownMemberAsync(db, d.CooperativeCode, request.MemberId, ct);
        var line = await db.AllocationLines.AsNoTracking()
            .FirstOrDefaultAsync(l => l.DistributionId == d.Id && l.MemberId == request.MemberId, ct);
        if (line is null || line.TotalFen <= 0)
        {
            throw DomainException.Precondition("NOTHING_TO_PAY", $"Member {request.MemberId} receives nothing from distribution {d.Id}.");
        }

        var payout = new Payout
        {
            PayoutId = id,
            DistributionId = d.Id,
            CooperativeCode = d.CooperativeCode,
            MemberId = request.MemberId,
            AmountFen = line.TotalFen,
            Method = method,
            Account = account,
            Status = PayoutStatus.Pending,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Payouts.Add(payout);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            existing = await db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.PayoutId == id, ct);
            if (existing is not null)
            {
                return SameOrRefuse(existing, request.DistributionId, request.MemberId, method, account);
            }

            var other = await db.Payouts.AsNoTracking().FirstAsync(p => p.DistributionId == d.Id && p.MemberId == request.MemberId, ct);
            throw DomainException.AlreadyExists("MEMBER_PAYOUT_EXISTS",
                $"Member {request.MemberId} already has payout {other.PayoutId} in distribution {d.Id}; retry that one if it failed.",
                ("payout_id", other.PayoutId));
        }

        return PayoutMapping.ToApi(payout);
    }

    private async Task<Api.Payout> RecordOutcomeAsync(Api.RecordPayoutOutcomeRequest request, CancellationToken ct)
    {
        var id = PayoutMapping.PayoutId(request.PayoutId);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : Input.Text(request.Note, "note", "note", 200);
        if (!request.Paid && note is null)
        {
            throw DomainException.Invalid("NOTE_REQUIRED", "Say why the payout failed, so it can be put right and retried.",
                "note");
        }

        var (changed, found) = await PayoutOutcomes.ApplyAsync(db, id, request.Paid, note, time.GetUtcNow(), ct);
        var payout = found ?? throw DomainException.NotFound("PAYOUT_NOT_FOUND", $"No payout {id} exists.");
        if (!changed)
        {
            if (request.Paid && payout.Status == PayoutStatus.Paid)
            {
                return SameTransferOrRefuse(payout, note);
            }

            var wanted = request.Paid ? PayoutStatus.Paid : PayoutStatus.Failed;
            return payout.Status == wanted
                ? PayoutMapping.ToApi(payout)
                : throw DomainException.Precondition("PAYOUT_NOT_PENDING",
                    $"Payout {id} is {payout.Status.ToString().ToLowerInvariant()}; only a pending payout can be paid or fail (retry a failed one first).");
        }

        return PayoutMapping.ToApi(payout);
    }

    private async Task<Api.Payout> RetryAsync(Api.RetryPayoutRequest request, CancellationToken ct)
    {
        var id = PayoutMapping.PayoutId(request.PayoutId);
        var payout = await db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.PayoutId == id, ct)
            ?? throw DomainException.NotFound("PAYOUT_NOT_FOUND", $"No payout {id} exists.");
        var method = request.Method == Api.PayoutMethod.Unspecified ? payout.Method : PayoutMapping.Method(request.Method);
        var account = request.Method == Api.PayoutMethod.Unspecified && string.IsNullOrWhiteSpace(request.Account)
            ? payout.Account
            : PayoutMapping.Account(method, request.Account);
        var changed = await db.Payouts.Where(p => p.PayoutId == id && p.Status == PayoutStatus.Failed).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, PayoutStatus.Pending)
            .SetProperty(p => p.Method, method)
            .SetProperty(p => p.Account, account), ct);
        payout = await db.Payouts.AsNoTracking().FirstAsync(p => p.PayoutId == id, ct);
        return changed == 1 || payout.Status == PayoutStatus.Pending
            ? PayoutMapping.ToApi(payout)
            : throw DomainException.Precondition("PAYOUT_ALREADY_PAID", $"Payout {id} is already paid; it cannot be paid again.");
    }

    public override async Task<Api.ListPayoutsResponse> ListPayouts(Api.ListPayoutsRequest request, ServerCallContext context)
    {
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.DistributionId == request.DistributionId)
            .OrderBy(p => p.MemberId).ToListAsync(context.CancellationToken);
        return new Api.ListPayoutsResponse { Payouts = { payouts.Select(PayoutMapping.ToApi) } };
    }

    public override async Task<Api.BankTransferFile> ExportBankTransferFile(Api.ExportBankTransferFileRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var d = await db.Distributions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.DistributionId, ct)
            ?? throw DomainException.NotFound("DISTRIBUTION_NOT_FOUND", $"No distribution {request.DistributionId} exists.");
        var encoding = request.Encoding == Api.FileEncoding.Gb18030 ? FileEncodings.Gb18030 : FileEncodings.Utf8WithBom;
        var rows = await db.Payouts.AsNoTracking()
            .Where(p => p.DistributionId == d.Id && p.Method == PayoutMethod.BankTransfer && p.Status == PayoutStatus.Pending)
            .Join(db.Members.AsNoTracking(), p => p.MemberId, m => m.Id, (p, m) => new { p, m })
            .OrderBy(x => x.m.Id).ToListAsync(ct);
        var members = rows.Select(x => x.m.Id).ToList();
        var details = await db.PaymentDetails.AsNoTracking().Where(x => members.Contains(x.MemberId)).ToDictionaryAsync(x => x.MemberId, ct);
        return new Api.BankTransferFile
        {
            FileName = $"dividends-{d.CooperativeCode}-{d.Id}-bank-transfers.csv",
            Csv = Google.Protobuf.ByteString.CopyFrom(BankTransferCsv.Write(rows.Select(x => (x.p, x.m, details.GetValueOrDefault(x.m.Id))), encoding)),
            Rows = rows.Count,
            TotalFen = rows.Sum(x => x.p.AmountFen),
        };
    }

    // A "paid" naming another bank reference is a second transfer, most likely made by mistake: the
    // accountant must hear of it rather than have it folded into the first.
    private static Api.Payout SameTransferOrRefuse(Payout paid, string? reference) =>
        reference is null || reference == paid.Reference
            ? PayoutMapping.ToApi(paid)
            : throw DomainException.Precondition("PAYOUT_ALREADY_PAID",
                $"Payout {paid.PayoutId} was already paid with reference '{paid.Reference ?? "(none)"}'; reference '{Input.Quote(reference)}' would be a second payment. " +
                "If money went out twice, recover it outside this system; record nothing more here.",
                ("payout_id", paid.PayoutId), ("reference", paid.Reference ?? string.Empty));

    private static Api.Payout SameOrRefuse(Payout existing, long distributionId, long memberId, PayoutMethod method, string? account) =>
        existing.DistributionId == distributionId && existing.MemberId == memberId && existing.Method == method && existing.Account == account
            ? PayoutMapping.ToApi(existing)
            : throw DomainException.AlreadyExists("PAYOUT_ID_REUSED",
                $"Payout id {existing.PayoutId} is already used for another payment; choose a new id.",
                ("payout_id", existing.PayoutId));
}
