namespace Platform.Scoring.Ledger;

internal enum HoldStatus
{
    Active = 1,
    Captured = 2,
    Released = 3,
    Expired = 4,
}
