using Google.Protobuf.WellKnownTypes;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Clock;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Distributions;

internal static class DistributionMapping
{
    public static Api.Distribution ToApi(Distribution d, IEnumerable<AllocationLine> lines, IEnumerable<Objection> objections) => new()
    {
        DistributionId = d.Id,
        CooperativeCode = d.CooperativeCode,
        PeriodFrom = Dates.Text(d.PeriodFrom),
        PeriodTo = Dates.Text(d.PeriodTo),
        PolicyVersion = d.PolicyVersion,
        Status = Status(d.Status),
        IncomeFen = d.IncomeFen,
        ExpensesFen = d.ExpensesFen,
        BroughtForwardFen = d.BroughtForwardFen,
        LossCarriedForwardFen = d.LossCarriedForwardFen,
        DistributableFen = d.DistributableFen,
        ReserveFen = d.ReserveFen,
        WelfareFen = d.WelfareFen,
        RetainedFen = d.RetainedFen,
        LossCarriedOutFen = d.LossCarriedOutFen,
        AllocatedFen = d.AllocatedFen,
        Allocations = { lines.OrderBy(l => l.MemberId).Select(Line) },
        BoardApprover = d.BoardApprover ?? string.Empty,
        SupervisoryApprover = d.SupervisoryApprover ?? string.Empty,
        ApprovedAt = Time(d.ApprovedAt),
        PublishedAt = Time(d.PublishedAt),
        NoticeEndsAt = Time(d.NoticeEndsAt),
        Objections = { objections.OrderBy(o => o.Id).Select(Objection) },
        BoardSignerRosterId = d.BoardSignerId ?? 0,
        BoardSignedAt = Time(d.BoardSignedAt),
        SupervisorySignerRosterId = d.SupervisorySignerId ?? 0,
        SupervisorySignedAt = Time(d.SupervisorySignedAt),
        FromIncomeLines = d.FromIncomeLines,
        IncomeLineCount = d.IncomeLineCount,
        PatronageMinimumBp = d.PatronageMinimumBp ?? 0,
    };

    public static Api.Objection Objection(Objection o) => new()
    {
        ObjectionId = o.Id,
        MemberId = o.MemberId,
        Text = o.Text,
        LodgedAt = Time(o.LodgedAt),
        Status = (Api.ObjectionStatus)(int)o.Status,
        Resolution = o.Resolution ?? string.Empty,
        ResolvedBy = o.ResolvedBy ?? string.Empty,
        ResolvedAt = Time(o.ResolvedAt),
    };

    public static Api.Allocation Line(AllocationLine l) => new()
    {
        MemberId = l.MemberId,
        GuaranteedFen = l.GuaranteedFen,
        PatronageFen = l.PatronageFen,
        SharesFen = l.SharesFen,
        TotalFen = l.TotalFen,
    };

    public static Api.DistributionStatus Status(DistributionStatus s) => (Api.DistributionStatus)(int)s;

    public static Timestamp? Time(DateTime? utc) =>
        StoredTime.Stamp(utc);
}
