namespace Platform.Redemption.GiftRuns;

/// <summary>Who is eligible for a gift run (values as in the proto's GiftRule).</summary>
internal enum GiftRule
{
    List = 1,
    MemberOver70 = 2,
    ChildUnderAge = 3,
    PovertyRegistered = 4,
    Monitored = 5,
}
