namespace Platform.Redemption.Goods;

/// <summary>Who may redeem an item.</summary>
public enum Eligibility
{
    Any = 1,
    Over70 = 2,
    PovertyRegistered = 3,
    Monitored = 4,
    PovertyOrMonitored = 5,
}
