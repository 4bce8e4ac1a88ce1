namespace Platform.Dividends.Allocation;

/// <summary>
/// A computed distribution. When the distributable is positive,
/// Reserve + Welfare + Retained + the members' allocations = Distributable, to the fen.
/// </summary>
internal sealed record AllocationResult(
    long DistributableFen,
    long ReserveFen,
    long WelfareFen,
    long RetainedFen,
    long LossCarriedOutFen,
    IReadOnlyList<MemberAllocation> Members)
{
    public long AllocatedFen => Members.Sum(m => m.TotalFen);
}
