namespace Platform.Scoring.Awards;

/// <summary>
/// A proposal on the village's public notice, waiting for its window to close. The row exists
/// exactly while the proposal is on notice: approval by the quorum adds it; an objection, a
/// withdrawal or posting removes it. Posting takes the rows whose window closed with one
/// <c>DELETE … RETURNING</c> and never rewrites the proposals themselves: a posted proposal keeps
/// status <see cref="ProposalStatus.OnNotice"/> in its row and is posted because a ledger entry
/// names it (<see cref="ProposalState"/>). Removing the row is also the claim: an objection or a
/// withdrawal that finds no row lost to the posting job (or the other way round), never both win.
/// </summary>
internal sealed class NoticeBoardEntry
{
    public long ProposalId { get; set; }

    public required string VillageCode { get; set; }

    public DateTime NoticeEndsAt { get; set; }
}
