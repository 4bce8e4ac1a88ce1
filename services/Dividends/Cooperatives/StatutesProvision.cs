namespace Platform.Dividends.Cooperatives;

/// <summary>
/// A cooperative's statutes on the share of its distributable surplus returned by members' trade,
/// as adopted by its members' assembly. Append-only: a later amendment is a new row, the latest applies.
/// </summary>
internal sealed class StatutesProvision
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public int PatronageMinimumBp { get; init; }

    public required string Clause { get; init; }

    public DateOnly AdoptedOn { get; init; }

    public DateTime RecordedAt { get; init; }
}
