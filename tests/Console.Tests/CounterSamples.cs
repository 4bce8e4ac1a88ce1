using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Console.Tests;

/// <summary>Invented households and goods for the counter's tests.</summary>
internal static class CounterSamples
{
    public static RedemptionApi.HouseholdCard Card(long available, bool poverty = false, bool over70 = false, params RedemptionApi.LimitUse[] limits) => new()
    {
        VillageCode = "QINGSHUI",
        HouseholdNumber = "QS-017",
        HeadName = "柳青禾",
        MemberCount = 4,
        PovertyRegistered = poverty,
        HasMemberOver70 = over70,
        AvailablePoints = available,
        Limits = { limits },
    };

    public static RedemptionApi.Item Item(string sku, long price, long onHand = 100, long reserved = 0, int limit = 0,
        RedemptionApi.Eligibility eligibility = RedemptionApi.Eligibility.Any, bool active = true) => new()
        {
            SupermarketCode = "SM-QS",
            Sku = sku,
            Name = sku switch { "RICE" => "大米", "OIL" => "食用油", "SOAP" => "肥皂", _ => sku },
            Unit = "件",
            PricePoints = price,
            OnHand = onHand,
            Reserved = reserved,
            LimitPerHousehold = limit,
            LimitPeriod = RedemptionApi.LimitPeriod.Month,
            Eligibility = eligibility,
            Active = active,
        };

    public static RedemptionApi.LimitUse Limit(string sku, int limit, int used) => new() { Sku = sku, Name = sku, Period = "2026-12", Limit = limit, Used = used };
}
