using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Dividends.Allocation;
using Platform.Dividends.Cooperatives;
using Platform.Dividends.Data;
using Platform.Dividends.Income;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Distributions;

/// <summary>gRPC face of policies and distributions: draft, approve, publish, objections and their answers, statements.</summary>
internal sealed class DistributionsService(DividendsDb db, IdempotentWrites<DividendsDb> writes, TimeProvider time)
    : Api.Distributions.DistributionsBase
{
    private const int DefaultNoticeDays = 7;
    private const int MaxNoticeDays = 90;

    public override Task<Api.Policy> SetPolicy(Api.SetPolicyRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetPolicy), request, ct => SetPolicyAsync(request, ct), context.CancellationToken);

    public override Task<Api.Distribution> DraftDistribution(Api.DraftDistributionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(DraftDistribution), request, ct => DraftAsync(request, ct), context.CancellationToken);

    public override Task<Api.Distribution> RedraftDistribution(Api.RedraftDistributionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RedraftDistribution), request, ct => RedraftAsync(request, ct), context.CancellationToken);

    public override Task<Api.Distribution> ApproveDistribution(Api.ApproveDistributionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ApproveDistribution), request, _ => ApproveAsync(request), context.CancellationToken);

    public override Task<Api.Distribution> PublishDistribution(Api.PublishDistributionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(PublishDistribution), request, ct => PublishAsync(request, ct), context.CancellationToken);

    public override Task<Api.Objection> LodgeObjection(Api.LodgeObjectionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(LodgeObjection), request, ct => LodgeObjectionAsync(request, ct), context.CancellationToken);

    public override Task<Api.Objection> ResolveObjection(Api.ResolveObjectionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ResolveObjection), request, ct => ResolveObjectionAsync(request, ct), context.CancellationToken);

    private async Task<Api.Policy> SetPolicyAsync(Api.SetPolicyRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var latest = await db.Policies.Where(p => p.CooperativeCode == cooperative).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var policy = PolicyMapping.FromApi(request, cooperative, latest + 1, time.GetUtcNow().UtcDateTime);
        if (await PatronageMinimum.ForAsync(db, cooperative, ct) is { } minimum)
        {
            LawfulPatronage.CheckPolicy(policy.PatronageBp, minimum.Bp, minimum.Provision is not null);
        }

        db.Policies.Add(policy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw DomainException.Precondition("POLICY_CHANGED", "The policy was changed by someone else meanwhile; read it and try again.");
        }

        return PolicyMapping.ToApi(policy);
    }

    public override async Task<Api.Policy> GetPolicy(Api.GetPolicyRequest request, ServerCallContext context)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, context.CancellationToken);
        var policy = await db.Policies.AsNoTracking().Where(p => p.CooperativeCode == cooperative)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw DomainException.NotFound("POLICY_NOT_FOUND", $"Cooperative {cooperative} has no distribution policy yet.");
        return PolicyMapping.ToApi(policy);
    }

    private async Task<Api.Distribution> DraftAsync(Api.DraftDistributionRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var d = new Distribution
        {
            CooperativeCode = cooperative,
            PeriodFrom = Dates.Required(request.PeriodFrom, "period_from", "first day of the period"),
            PeriodTo = Dates.Required(request.PeriodTo, "period_to", "last day of the period"),
            Status = DistributionStatus.Draft,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        SetFigures(d, request.IncomeFen, request.ExpensesFen, request.BroughtForwardFen, request.LossCarriedForwardFen);
        await FromLinesAsync(d, request.FromIncomeLines, ct);

        // In the transaction IdempotentWrites opened: the draft, its lines and the stored answer commit together.
        db.Distributions.Add(d);
        await db.SaveChangesAsync(ct);
        var lines = await DistributionDrafter.ComputeAsync(db, d, ct);
        await db.SaveChangesAsync(ct);
        await AllocationLineWriter.ReplaceAsync(db, d.Id, lines, ct);
        return DistributionMapping.ToApi(d, lines, []);
    }

    private async Task<Api.Distribution> RedraftAsync(Api.RedraftDistributionRequest request, CancellationToken ct)
    {
        var d = await FindAsync(request.DistributionId, ct);
        if (d.Status != DistributionStatus.Draft)
        {
            throw DomainException.Precondition("DISTRIBUTION_IMMUTABLE",
                $"Distribution {d.Id} is {d.Status.ToString().ToLowerInvariant()} and can no longer be changed; draft a new one instead.");
        }

        SetFigures(d, request.IncomeFen, request.ExpensesFen, request.BroughtForwardFen, request.LossCarriedForwardFen);
        // A signature given to the old figures does not approve the new ones.
        (d.BoardSignerId, d.BoardSignerSubject, d.BoardApprover, d.BoardSignedAt) = (null, null, null, null);
        (d.SupervisorySignerId, d.SupervisorySignerSubject, d.SupervisoryApprover, d.SupervisorySignedAt) = (null, null, null, null);
        await FromLinesAsync(d, request.FromIncomeLines, ct);
        var lines = await DistributionDrafter.ComputeAsync(db, d, ct);
        await SaveStatusChangeAsync(d, ct);
        await AllocationLineWriter.ReplaceAsync(db, d.Id, lines, ct);
        return DistributionMapping.ToApi(d, lines, []);
    }

    public override async Task<Api.Distribution> GetDistribution(Api.GetDistributionRequest request, ServerCallContext context) =>
        await ToApiAsync(await FindAsync(request.DistributionId, context.CancellationToken), context.CancellationToken);

    // Names typed by the accountant prove nobody signed: the approval is the rostered people's own
    // (Board/SignApproval). Refused whatever the request says, so no old client approves on its own.
    private static Task<Api.Distribution> ApproveAsync(Api.ApproveDistributionRequest request) =>
        throw DomainException.Precondition("APPROVAL_BY_SIGNATURE",
            $"Distribution {request.DistributionId} is approved by the board and the supervisory board signing in themselves: " +
            "a rostered board member and a rostered supervisory-board member each call Board/SignApproval with their own accounts.",
            ("distribution_id", request.DistributionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<Api.Distribution> PublishAsync(Api.PublishDistributionRequest request, CancellationToken ct)
    {
        var days = request.HasNoticeDays ? request.NoticeDays : DefaultNoticeDays;
        if (days is < 0 or > MaxNoticeDays)
        {
            throw DomainException.Invalid("NOTICE_DAYS_INVALID", $"The public notice lasts 0 to {MaxNoticeDays} days.",
                "notice_days");
        }

        var d = await FindAsync(request.DistributionId, ct);
        if (d.Status is DistributionStatus.Published or DistributionStatus.Paid)
        {
            return await ToApiAsync(d, ct);
        }

        if (d.Status != DistributionStatus.Approved)
        {
            throw DomainException.Precondition("DISTRIBUTION_NOT_APPROVED",
                $"Distribution {d.Id} must be approved by the board and the supervisory board before it is published.");
        }

        var now = time.GetUtcNow();
        d.Status = DistributionStatus.Published;
        d.PublishedAt = now.UtcDateTime;
        d.NoticeEndsAt = now.AddDays(days).UtcDateTime;
        var members = await db.AllocationLines.CountAsync(l => l.DistributionId == d.Id && l.TotalFen > 0, ct);
        await FundLedger.PayInAsync(db, d, now, ct);
        db.AddEvent(new DistributionPublished(Guid.NewGuid(), now, d.Id, d.CooperativeCode, d.PeriodFrom, d.PeriodTo,
            d.PolicyVersion, d.DistributableFen, d.AllocatedFen, members, now.AddDays(days)));
        await SaveStatusChangeAsync(d, ct);
        return await ToApiAsync(d, ct);
    }

    private async Task<Api.Objection> LodgeObjectionAsync(Api.LodgeObjectionRequest request, CancellationToken ct)
    {
        var text = Input.Text(request.Text, "text", "objection", 500);
        // The distribution's row first, then the clock: a payout takes the same lock before it
        // looks for open objections, so an objection in the notice's last instant either commits
        // before that look or finds the notice over.
        await db.Distributions.Where(x => x.Id == request.DistributionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, x => x.Status), ct);
        var d = await FindAsync(request.DistributionId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (d.Status != DistributionStatus.Published || now >= d.NoticeEndsAt)
        {
            throw DomainException.Precondition("NOTICE_NOT_OPEN",
                $"Objections to distribution {d.Id} can be lodged only while its public notice is open.");
        }

        await CooperativeRules.KnownMemberAsync(db, d.CooperativeCode, request.MemberId, ct);
        var objection = new Objection { DistributionId = d.Id, MemberId = request.MemberId, Text = text, LodgedAt = now };
        db.Objections.Add(objection);
        await db.SaveChangesAsync(ct);
        return DistributionMapping.Objection(objection);
    }

    private async Task<Api.Objection> ResolveObjectionAsync(Api.ResolveObjectionRequest request, CancellationToken ct)
    {
        var resolution = Input.Text(request.Resolution, "resolution", "cooperative's answer to the objection", 500);
        var resolvedBy = Input.Text(request.ResolvedBy, "resolved_by", "name of the person answering for the cooperative");
        var d = await FindAsync(request.DistributionId, ct);
        var objection = await db.Objections.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.ObjectionId && o.DistributionId == d.Id, ct)
            ?? throw DomainException.NotFound("OBJECTION_NOT_FOUND", $"Distribution {d.Id} has no objection {request.ObjectionId}.");

        // Conditional, so that of two people answering at once (each under a key of their own) only one answer stands.
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Objections.Where(o => o.Id == objection.Id && o.Status == ObjectionStatus.Open).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, ObjectionStatus.Resolved)
            .SetProperty(o => o.Resolution, resolution)
            .SetProperty(o => o.ResolvedBy, resolvedBy)
            .SetProperty(o => o.ResolvedAt, now), ct);
        objection = await db.Objections.AsNoTracking().FirstAsync(o => o.Id == objection.Id, ct);
        return changed == 1
            ? DistributionMapping.Objection(objection)
            : throw DomainException.Precondition("ALREADY_RESOLVED",
                $"Objection {objection.Id} was already resolved by {objection.ResolvedBy} on {objection.ResolvedAt:yyyy-MM-dd}; read the distribution to see the answer.");
    }

    public override Task<Api.MemberStatement> GetMemberStatement(Api.GetMemberStatementRequest request, ServerCallContext context) =>
        MemberStatementBuilder.BuildAsync(db, request, context.CancellationToken);

    private static void SetFigures(Distribution d, long income, long expenses, long forward, long loss)
    {
        AllocationInputCheck.NotNegative(income, "income_fen", "income");
        AllocationInputCheck.NotNegative(expenses, "expenses_fen", "expenses");
        AllocationInputCheck.NotNegative(forward, "brought_forward_fen", "undistributed surplus brought forward");
        AllocationInputCheck.NotNegative(loss, "loss_carried_forward_fen", "loss carried forward");
        if (d.PeriodTo < d.PeriodFrom)
        {
            throw DomainException.Invalid("PERIOD_INVALID", "The period must end on or after the day it starts.",
                "period_to");
        }

        d.IncomeFen = income;
        d.ExpensesFen = expenses;
        d.BroughtForwardFen = forward;
        d.LossCarriedForwardFen = loss;
    }

    /// <summary>With from_income_lines, income and expenses are the recorded lines' totals for the period, never typed as well.</summary>
    private async Task FromLinesAsync(Distribution d, bool fromLines, CancellationToken ct)
    {
        d.FromIncomeLines = fromLines;
        if (!fromLines)
        {
            d.IncomeLineCount = 0;
            return;
        }

        if (d.IncomeFen != 0 || d.ExpensesFen != 0)
        {
            throw DomainException.Invalid("INCOME_GIVEN_TWICE",
                "Income and expenses come from the recorded income lines when from_income_lines is set; leave income_fen and expenses_fen at 0.",
                d.IncomeFen != 0 ? "income_fen" : "expenses_fen");
        }

        var totals = await IncomeTotals.OfPeriodAsync(db, d.CooperativeCode, d.PeriodFrom, d.PeriodTo, ct);
        d.IncomeFen = totals.IncomeFen;
        d.ExpensesFen = totals.ExpensesFen;
        d.IncomeLineCount = totals.LineCount;
    }

    private async Task SaveStatusChangeAsync(Distribution d, CancellationToken ct)
    {
        d.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Precondition("DISTRIBUTION_CHANGED",
                $"Distribution {d.Id} was changed by someone else meanwhile; read it again and retry.");
        }
    }

    private async Task<Distribution> FindAsync(long id, CancellationToken ct) =>
        await db.Distributions.FirstOrDefaultAsync(d => d.Id == id, ct)
        ?? throw DomainException.NotFound("DISTRIBUTION_NOT_FOUND", $"No distribution {id} exists.");

    private async Task<Api.Distribution> ToApiAsync(Distribution d, CancellationToken ct) => DistributionMapping.ToApi(d,
        await db.AllocationLines.AsNoTracking().Where(l => l.DistributionId == d.Id).ToListAsync(ct),
        await db.Objections.AsNoTracking().Where(o => o.DistributionId == d.Id).ToListAsync(ct));
}
