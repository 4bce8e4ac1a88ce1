using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Members;
using Platform.Dividends.Payouts;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Distributions;

/// <summary>A member's dividends for the distributions of periods ending in one year (approved or later).</summary>
internal static class MemberStatementBuilder
{
    public static async Task<Api.MemberStatement> BuildAsync(DividendsDb db, Api.GetMemberStatementRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        if (request.Year is < 2000 or > 2200)
        {
            throw DomainException.Invalid("YEAR_INVALID", "Give the statement's year, for example 2025.",
                "year");
        }

        var member = await CooperativeRules.KnownMemberAsync(db, cooperative, request.MemberId, ct);
        var first = new DateOnly(request.Year, 1, 1);
        var last = new DateOnly(request.Year, 12, 31);
        var distributions = await db.Distributions.AsNoTracking()
            .Where(d => d.CooperativeCode == cooperative && d.Status != DistributionStatus.Draft && d.PeriodTo >= first && d.PeriodTo <= last)
            .OrderBy(d => d.Id).ToListAsync(ct);
        var ids = distributions.Select(d => d.Id).ToList();
        var lines = await db.AllocationLines.AsNoTracking()
            .Where(l => l.MemberId == member.Id && ids.Contains(l.DistributionId)).ToDictionaryAsync(l => l.DistributionId, ct);
        var payouts = await db.Payouts.AsNoTracking()
            .Where(p => p.MemberId == member.Id && ids.Contains(p.DistributionId)).ToDictionaryAsync(p => p.DistributionId, ct);

        var statement = new Api.MemberStatement { Member = MembersService.ToApi(member), Year = request.Year };
        foreach (var d in distributions)
        {
            if (!lines.TryGetValue(d.Id, out var line))
            {
                continue;
            }

            var payout = payouts.GetValueOrDefault(d.Id);
            statement.Lines.Add(new Api.StatementLine
            {
                DistributionId = d.Id,
                PeriodFrom = Dates.Text(d.PeriodFrom),
                PeriodTo = Dates.Text(d.PeriodTo),
                Status = DistributionMapping.Status(d.Status),
                Allocation = DistributionMapping.Line(line),
                PayoutStatus = payout?.Status.ToString().ToLowerInvariant() ?? "not started",
            });
            statement.TotalFen += line.TotalFen;
            statement.PaidFen += payout?.Status == PayoutStatus.Paid ? payout.AmountFen : 0;
        }

        return statement;
    }
}
