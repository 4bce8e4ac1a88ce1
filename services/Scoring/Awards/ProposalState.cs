using Platform.Scoring.Data;

namespace Platform.Scoring.Awards;

/// <summary>
/// How a proposal's status is read. The status column holds Proposed, Returned, Withdrawn or
/// OnNotice; OnNotice means "approved by the quorum and put on notice". Whether it is still on
/// notice or already posted is told by the notice board: on it while the window is open or has
/// closed and the posting job has not yet run, off it once posted (a ledger entry names it).
/// Posting therefore never rewrites the proposal rows (DESIGN: a county's month is one job; see
/// docs/benchmarks.md). <see cref="ProposalStatus.Posted"/> is never stored, only shown.
/// </summary>
internal static class ProposalState
{
    /// <summary>Proposals with this status as the API shows it.</summary>
    public static IQueryable<Proposal> WithStatus(this IQueryable<Proposal> proposals, ScoringDb db, ProposalStatus status) => status switch
    {
        ProposalStatus.OnNotice => proposals.Where(p => p.Status == ProposalStatus.OnNotice && db.NoticeBoard.Any(n => n.ProposalId == p.Id)),
        ProposalStatus.Posted => proposals.Where(p => p.Status == ProposalStatus.OnNotice && !db.NoticeBoard.Any(n => n.ProposalId == p.Id)),
        _ => proposals.Where(p => p.Status == status),
    };

    /// <summary>Still on the way to the ledger: before the panel, returned to it, or on notice.</summary>
    public static IQueryable<Proposal> Pending(this IQueryable<Proposal> proposals, ScoringDb db) =>
        proposals.Where(p => p.Status == ProposalStatus.Proposed || p.Status == ProposalStatus.Returned
            || db.NoticeBoard.Any(n => n.ProposalId == p.Id));

    /// <summary>The status the API shows for a proposal row, given whether a ledger entry names it.</summary>
    public static ProposalStatus Shown(Proposal proposal, bool hasEntry) =>
        proposal.Status == ProposalStatus.OnNotice && hasEntry ? ProposalStatus.Posted : proposal.Status;
}
