namespace Platform.Redemption.Households;

/// <summary>
/// The counter's copy of a Scoring household, kept from household-registered events (and filled
/// from Scoring on a miss), so typing a number needs no call per keystroke.
/// </summary>
internal sealed class CachedHousehold
{
    public required string VillageCode { get; set; }

    public required string Number { get; set; }

    public required string HeadName { get; set; }

    public int MemberCount { get; set; }

    public bool PovertyRegistered { get; set; }

    public bool Monitored { get; set; }

    public bool HasMemberOver70 { get; set; }

    public DateTime UpdatedAt { get; set; }
}
