namespace Platform.Redemption.Villages;

/// <summary>Redemption's copy of a village registered in Scoring, learned from its event.</summary>
internal sealed class KnownVillage
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string Township { get; set; }

    public required string County { get; set; }

    public DateTime LearnedAt { get; set; }
}
