using Platform.ServiceDefaults.Hosting;

namespace Platform.Scoring;

/// <summary>The "Scoring" section (Scoring:PostingParallelism is read by PostingShares).</summary>
internal sealed class ScoringSettings : ICheckedSettings
{
    public const string Section = "Scoring";

    /// <summary>How often the sealer chains new ledger entries.</summary>
    public int JournalSealSeconds { get; set; } = 5;

    public IEnumerable<string> Problems()
    {
        if (JournalSealSeconds < 1) yield return $"{Section}:JournalSealSeconds is {JournalSealSeconds}; it must be 1 or more.";
    }
}
