using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
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

        // Locked for the open-objection check below (LodgeObjection takes the same lock, then reads the clock).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Distributions.Where(x => x.Id == request.DistributionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, x => x.Status), ct);
        var d = await db.Distributions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.DistributionId, ct)
            ?? throw DomainException.NotFound("DISTRIBUTION_NOT_FOUND", $"No distribution {request.DistributionId} exists.");
        if (d.Status is DistributionStatus.Draft or DistributionStatus.Approved)
        {
            throw DomainException.Precondition("DISTRIBUTION_NOT_PUBLISHED",
                $"Distribution {d.Id} is {d.Status.ToString().ToLowerInvariant()}: it must be approved and published, and its public notice over, before anything is paid.");
        }

        if (time.GetUtcNow().UtcDateTime < d.NoticeEndsAt)
        {
            throw DomainException.Precondition("NOTICE_NOT_ENDED",
                $"The public notice of distribution {d.Id} runs until {d.NoticeEndsAt:yyyy-MM-dd HH:mm} UTC; pay after it ends.");
        }

        await RefuseWhileObjectionsOpenAsync(d.Id, ct);
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

        var now = time.GetUtcNow();
        var changed = request.Paid
            ? await db.Payouts.Where(p => p.PayoutId == id && p.Status == PayoutStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PayoutStatus.Paid)
                .SetProperty(p => p.PaidAt, now.UtcDateTime)
                .SetProperty(p => p.Reference, note)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1), ct)
            : await db.Payouts.Where(p => p.PayoutId == id && p.Status == PayoutStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PayoutStatus.Failed)
                .SetProperty(p => p.FailureReason, note)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1), ct);
        var payout = await db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.PayoutId == id, ct)
            ?? throw DomainException.NotFound("PAYOUT_NOT_FOUND", $"No payout {id} exists.");
        if (changed == 0)
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

        if (request.Paid)
        {
            db.AddEvent(new DividendPaid(Guid.NewGuid(), now, payout.PayoutId, payout.DistributionId, payout.CooperativeCode,
                payout.MemberId, payout.AmountFen, payout.Method.ToString()));
            await db.SaveChangesAsync(ct);
            await MarkPaidWhenCompleteAsync(payout.DistributionId, ct);
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
        var rows = await db.Payouts.AsNoTracking()
            .Where(p => p.DistributionId == d.Id && p.Method == PayoutMethod.BankTransfer && p.Status == PayoutStatus.Pending)
            .Join(db.Members.AsNoTracking(), p => p.MemberId, m => m.Id, (p, m) => new { p, m })
            .OrderBy(x => x.m.Id).ToListAsync(ct);
        return new Api.BankTransferFile
        {
            FileName = $"dividends-{d.CooperativeCode}-{d.Id}-bank-transfers.csv",
            Csv = Google.Protobuf.ByteString.CopyFrom(BankTransferCsv.Write(rows.Select(x => (x.p, x.m)))),
            Rows = rows.Count,
            TotalFen = rows.Sum(x => x.p.AmountFen),
        };
    }

    // Objections can be lodged only during the notice and payouts start only after it, so this one
    // check holds back every payment: outcomes, retries and the bank file all need a created payout.
    private async Task RefuseWhileObjectionsOpenAsync(long distributionId, CancellationToken ct)
    {
        var open = db.Objections.AsNoTracking().Where(o => o.DistributionId == distributionId && o.Status == ObjectionStatus.Open);
        var first = await open.OrderBy(o => o.Id)
            .Join(db.Members.AsNoTracking(), o => o.MemberId, m => m.Id, (o, m) => new { o.Id, o.MemberId, m.HeadName, o.LodgedAt })
            .FirstOrDefaultAsync(ct);
        if (first is null)
        {
            return;
        }

        var count = await open.CountAsync(ct);
        throw DomainException.Precondition("OBJECTIONS_OPEN",
            $"Distribution {distributionId} has {count} unanswered objection{(count == 1 ? string.Empty : "s")} from its public notice " +
            $"(the first, {first.Id}, by member {first.MemberId} {first.HeadName}, lodged {first.LodgedAt:yyyy-MM-dd}); " +
            "nothing can be paid until the cooperative answers them: resolve them with ResolveObjection first.",
            ("open_objections", count.ToString(CultureInfo.InvariantCulture)), ("objection_id", first.Id.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task MarkPaidWhenCompleteAsync(long distributionId, CancellationToken ct)
    {
        var owed = await db.AllocationLines.CountAsync(l => l.DistributionId == distributionId && l.TotalFen > 0, ct);
        var paid = await db.Payouts.CountAsync(p => p.DistributionId == distributionId && p.Status == PayoutStatus.Paid, ct);
        if (paid == owed)
        {
            await db.Distributions.Where(d => d.Id == distributionId && d.Status == DistributionStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DistributionStatus.Paid).SetProperty(d => d.Revision, d => d.Revision + 1), ct);
        }
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
