namespace Platform.Scoring.Journal;

/// <summary>The end of a village's hash chain: how long it is and its last hash.</summary>
internal sealed class JournalHead
{
    public required string VillageCode { get; set; }

    public long LastSeq { get; set; }

    public required string LastHash { get; set; }

    public DateTime SealedAt { get; set; }
}
