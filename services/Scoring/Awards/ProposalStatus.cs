namespace Platform.Scoring.Awards;

public enum ProposalStatus
{
    Proposed = 1,
    OnNotice = 2,
    Returned = 3,
    Posted = 4,
    Withdrawn = 5,
}
