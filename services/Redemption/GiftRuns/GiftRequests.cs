using System.Globalization;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.GiftRuns;

/// <summary>Checks what a gift-run request says, before anything is read or written.</summary>
internal static class GiftRequests
{
    public static GiftRunPlan Plan(Api.CreateGiftRunRequest request, string supermarket, IReadOnlyList<string> villages, DateOnly today)
    {
        var sku = Input.Code(request.Sku, "sku", "SKU");
        if (request.QuantityPerHousehold is < 1 or > GiftRunsService.MaxQuantityPerHousehold)
        {
            throw DomainException.Invalid("GIFT_QUANTITY_INVALID",
                $"The quantity per household is 1 to {GiftRunsService.MaxQuantityPerHousehold}; {request.QuantityPerHousehold} was given.", "quantity_per_household");
        }

        var title = Input.Text(request.Title, "title", "title of the run (the occasion, e.g. 端午节粽子)");
        var actor = Input.Text(request.Actor, "actor", "name of the person creating the run");
        var rule = request.Rule switch
        {
            Api.GiftRule.List => GiftRule.List,
            Api.GiftRule.MemberOver70 => GiftRule.MemberOver70,
            Api.GiftRule.ChildUnderAge => GiftRule.ChildUnderAge,
            Api.GiftRule.PovertyRegistered => GiftRule.PovertyRegistered,
            Api.GiftRule.Monitored => GiftRule.Monitored,
            _ => throw DomainException.Invalid("GIFT_RULE_INVALID",
                "The rule is LIST, MEMBER_OVER_70, CHILD_UNDER_AGE, POVERTY_REGISTERED or MONITORED.", "rule"),
        };
        if (rule == GiftRule.ChildUnderAge && request.ChildAgeUnder is < 1 or > GiftEligibility.MaxChildAge)
        {
            throw DomainException.Invalid("CHILD_AGE_INVALID",
                $"For households with children, the age is 1 to {GiftEligibility.MaxChildAge} (children younger than it); {request.ChildAgeUnder} was given.", "child_age_under");
        }

        var onDay = string.IsNullOrWhiteSpace(request.OnDay) ? today : Day(request.OnDay, "on_day");
        return new GiftRunPlan(supermarket, sku, request.QuantityPerHousehold, title, rule, request.ChildAgeUnder, onDay,
            Listed(request, rule, villages), actor);
    }

    public static (string Supermarket, long RunId) Run(string? supermarket, long runId) =>
        (Input.Code(supermarket, "supermarket_code", "supermarket code"),
            runId > 0 ? runId : throw DomainException.Invalid("RUN_ID_INVALID", "The gift run's id is a positive number, as CreateGiftRun answered it.", "run_id"));

    public static string? OptionalCode(string? code, string field, string what) =>
        string.IsNullOrWhiteSpace(code) ? null : Input.Code(code, field, what);

    public static string? OptionalText(string? text, string field, string what) =>
        string.IsNullOrWhiteSpace(text) ? null : Input.Text(text, field, what);

    private static List<(string Village, string Number)> Listed(Api.CreateGiftRunRequest request, GiftRule rule, IReadOnlyList<string> villages)
    {
        if (rule != GiftRule.List)
        {
            return request.Households.Count == 0
                ? []
                : throw DomainException.Invalid("GIFT_HOUSEHOLDS_INVALID", "Households are listed only for the rule LIST; the other rules choose them.", "households");
        }

        if (request.Households.Count is 0 or > GiftRunBook.MaxListed)
        {
            throw DomainException.Invalid("GIFT_HOUSEHOLDS_INVALID",
                $"A list run names 1 to {GiftRunBook.MaxListed} households; {request.Households.Count} were given.", "households");
        }

        return request.Households.Select(h =>
        {
            var village = OptionalCode(h.VillageCode, "households", "village code")
                ?? (villages.Count == 1
                    ? villages[0]
                    : throw DomainException.Invalid("GIFT_VILLAGE_REQUIRED",
                        $"The supermarket serves {villages.Count} villages ({string.Join(", ", villages)}); name each listed household's village.", "households"));
            return (village, Input.Code(h.HouseholdNumber, "households", "household number"));
        }).Distinct().ToList();
    }

    private static DateOnly Day(string text, string field) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100
            ? day
            : throw DomainException.Invalid("DAY_INVALID", $"The '{field}' day is written yyyy-MM-dd, for example 2026-06-19.", field);
}
