namespace Platform.Scoring.Rules;

/// <summary>
/// The rules a new village starts from, as seen in the field (DESIGN.md). A village changes them
/// by defining new versions.
/// </summary>
internal static class DefaultCatalogue
{
    public static IReadOnlyList<Rule> For(string villageCode, DateTime now) =>
    [
        Make(villageCode, now, "SIMPLE-CEREMONY", "No lavish wedding or funeral (红白事简办)", 30, false, 0, CapPeriod.None),
        Make(villageCode, now, "DISASTER-DUTY", "Joined collective fire or flood duty", 15, false, 0, CapPeriod.None),
        Make(villageCode, now, "TIDY-HOME", "Tidy home (六净六有)", 10, false, 1, CapPeriod.Month),
        Make(villageCode, now, "INCOME-ENTERPRISE", "Runs an income-earning enterprise", 50, true, 1, CapPeriod.Year),
        Make(villageCode, now, "MODEL-TITLE", "Top-ten model title (most filial child, most beautiful family)", 50, true, 0, CapPeriod.None),
        Make(villageCode, now, "DAMAGED-ENVIRONMENT", "Damaged the public environment", -10, false, 0, CapPeriod.None),
        Make(villageCode, now, "ABUSED-PARENTS", "Abused parents or parents-in-law", -50, true, 0, CapPeriod.None),
        Make(villageCode, now, "FIGHTING", "Fighting", -20, false, 0, CapPeriod.None),
    ];

    private static Rule Make(string village, DateTime now, string code, string name, long points, bool evidence, int cap, CapPeriod period) => new()
    {
        VillageCode = village,
        Code = code,
        Version = 1,
        Name = name,
        Points = points,
        EvidenceRequired = evidence,
        CapCount = cap,
        CapPeriod = period,
        EffectiveFrom = now,
        DefinedBy = "default catalogue",
        DefinedAt = now,
    };
}
