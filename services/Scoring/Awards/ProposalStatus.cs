namespace Platform.Scoring.Awards;

/// <summary>A proposal's status; see <see cref="ProposalState"/> for how OnNotice and Posted are told apart.</summary>
internal enum ProposalStatus
{
    Proposed = 1,

    /// <summary>Stored: approved and put on notice (on the notice board until posted, objected to or withdrawn).</summary>
    OnNotice = 2,
    Returned = 3,

    /// <summary>Shown, never stored: an OnNotice proposal that a ledger entry names.</summary>
    Posted = 4,
    Withdrawn = 5,
}
