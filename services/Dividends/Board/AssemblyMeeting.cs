namespace Platform.Dividends.Board;

/// <summary>A members' (or representatives') assembly and the resolution it passed.</summary>
internal sealed class AssemblyMeeting
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public AssemblyKind Kind { get; init; }

    public DateOnly HeldOn { get; init; }

    public required string ResolutionNumber { get; init; }

    public required string ResolutionText { get; init; }

    public int Attended { get; init; }

    public int Entitled { get; init; }

    public DateTime RecordedAt { get; init; }
}
