namespace Platform.Redemption.Goods;

public enum LimitPeriod
{
    Month = 1,
    Year = 2,
}
