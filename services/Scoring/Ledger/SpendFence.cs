namespace Platform.Scoring.Ledger;

/// <summary>
/// A spend id cancelled before any spend arrived under it: a row in <c>holds</c> that reserves
/// the id (its primary key) with no points, released at once, so a later spend under it is refused.
/// </summary>
internal static class SpendFence
{
    public static bool IsFence(Hold hold) => hold.Points == 0 && hold.Status == HoldStatus.Released;

    public static Hold For(string spendId, byte[] requestHash, Households.Household household, string actor, DateTime now) => new()
    {
        Id = spendId,
        HouseholdId = household.Id,
        VillageCode = household.VillageCode,
        RequestHash = requestHash,
        Points = 0,
        Status = HoldStatus.Released,
        CreatedAt = now,
        ExpiresAt = now,
        EndedAt = now,
        Actor = actor,
    };
}
