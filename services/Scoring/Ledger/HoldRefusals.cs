using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Ledger;

/// <summary>The refusals of holds, captures and releases, worded once for both database paths.</summary>
internal static class HoldRefusals
{
    public static DomainException NotFound(string holdId) =>
        DomainException.NotFound("HOLD_NOT_FOUND", $"There is no hold {holdId}.");

    public static DomainException InsufficientPoints(string householdNumber, long available, long points) =>
        DomainException.Precondition("INSUFFICIENT_POINTS",
            $"Household {householdNumber} has {available} points available; {points} are needed.",
            ("available", available.ToString(CultureInfo.InvariantCulture)), ("requested", points.ToString(CultureInfo.InvariantCulture)));

    public static DomainException IdReused(string holdId, long heldPoints) =>
        DomainException.Precondition("HOLD_ID_REUSED",
            $"Hold id {holdId} already holds {heldPoints} points for another request; use a new order id.",
            ("hold_id", holdId));

    public static DomainException Released(string holdId) =>
        DomainException.Precondition("HOLD_RELEASED", $"Hold {holdId} was released; start the redemption again.");

    public static DomainException Expired(string holdId, DateTime expiresAt) =>
        DomainException.Precondition("HOLD_EXPIRED",
            $"Hold {holdId} expired at {expiresAt:HH:mm:ss} UTC; its points were not spent. Start the redemption again.");

    public static DomainException Captured(string holdId, long? entryId) =>
        DomainException.Precondition("HOLD_CAPTURED",
            $"Hold {holdId} was already captured (entry {entryId}); points spent come back only through a return.");

    public static DomainException SpendIdReused(string spendId, long points) =>
        DomainException.Precondition("SPEND_ID_REUSED",
            $"Order id {spendId} already spent or held {points} points for another request; use a new order id.",
            ("spend_id", spendId));

    public static DomainException SpendCancelled(string spendId) =>
        DomainException.Precondition("SPEND_CANCELLED",
            $"Order {spendId} was cancelled before its points were spent; nothing was spent under it. Start a new order.",
            ("spend_id", spendId));

    public static DomainException SpendOfAnotherHousehold(string spendId, string householdNumber) =>
        DomainException.Precondition("SPEND_OF_ANOTHER_HOUSEHOLD",
            $"Order {spendId} belongs to household {householdNumber}, not to the one named; nothing was cancelled. Cancel it for household {householdNumber}.",
            ("spend_id", spendId), ("household_number", householdNumber));

    /// <summary>What a spend under a known id answers: the first spend again, or a refusal.</summary>
    public static Hold SpendOutcome(Hold known, byte[] requestHash) =>
        SpendFence.IsFence(known) ? throw SpendCancelled(known.Id)
        : !Platform.ServiceDefaults.Idempotency.RequestFingerprint.Matches(known.RequestHash, requestHash) ? throw SpendIdReused(known.Id, known.Points)
        : known;

    /// <summary>What a capture that changed nothing answers: the captured hold again, or a refusal.</summary>
    public static Hold CaptureOutcome(Hold hold) => hold.Status switch
    {
        HoldStatus.Captured => hold,
        HoldStatus.Released => throw Released(hold.Id),
        _ => throw Expired(hold.Id, hold.ExpiresAt),
    };

    /// <summary>What a release that changed nothing answers: the hold as it is, unless it was spent.</summary>
    public static Hold ReleaseOutcome(Hold hold) =>
        hold.Status == HoldStatus.Captured ? throw Captured(hold.Id, hold.EntryId) : hold;
}
