namespace Platform.Scoring.Rules;

/// <summary>One version of a village's rule: what a kind of conduct earns or costs.</summary>
internal sealed class Rule
{
    public required string VillageCode { get; set; }

    public required string Code { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>Positive: award; negative: deduction.</summary>
    public long Points { get; set; }

    public bool EvidenceRequired { get; set; }

    /// <summary>At most this many per household per cap period; 0: no cap.</summary>
    public int CapCount { get; set; }

    public CapPeriod CapPeriod { get; set; }

    public DateTime EffectiveFrom { get; set; }

    public DateTime? EffectiveTo { get; set; }

    public required string DefinedBy { get; set; }

    public DateTime DefinedAt { get; set; }

    public bool InForceAt(DateTime at) => EffectiveFrom <= at && (EffectiveTo is null || at < EffectiveTo);
}
