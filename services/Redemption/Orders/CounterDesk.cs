using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Households;
using Platform.Redemption.ScoringLink;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.Orders;

/// <summary>Finds the supermarket behind a counter and the household a clerk means.</summary>
internal sealed class CounterDesk(RedemptionDb db, CounterDirectory counters, ScoringLedger scoring, TimeProvider time)
{
    public sealed record CounterPlace(string Counter, string Supermarket, string[] Villages);

    public async Task<CounterPlace> CounterAsync(string? code, CancellationToken ct)
    {
        var counter = Input.Code(code, "counter_code", "counter code");
        return await counters.FindAsync(db, counter, ct)
            ?? throw DomainException.NotFound("COUNTER_NOT_FOUND", $"No supermarket has a counter {counter}; register it with its supermarket first.",
                ("counter_code", counter));
    }

    /// <summary>The household a clerk typed: its number and the villages it may be in.</summary>
    public sealed record HouseholdQuery(string Number, string[] Villages);

    /// <summary>
    /// The household by its card number, in one of the villages the supermarket serves. The
    /// local copy answers; on a miss Scoring is asked once and the copy filled.
    /// </summary>
    public async Task<CachedHousehold> HouseholdAsync(CounterPlace place, string? villageCode, string? number, CancellationToken ct)
    {
        var query = Household(place, villageCode, number);
        var found = await db.Households.AsNoTracking()
            .Where(h => h.Number == query.Number && query.Villages.Contains(h.VillageCode)).ToListAsync(ct);
        return await ChooseAsync(place, query, found, ct);
    }

    /// <summary>Checks what the clerk typed, before anything is looked up.</summary>
    public static HouseholdQuery Household(CounterPlace place, string? villageCode, string? number)
    {
        var householdNumber = Input.Code(number, "household_number", "household number");
        var village = string.IsNullOrWhiteSpace(villageCode) ? null : Input.Code(villageCode, "village_code", "village code");
        if (village is not null && !place.Villages.Contains(village))
        {
            throw DomainException.Precondition("VILLAGE_NOT_SERVED",
                $"Supermarket {place.Supermarket} does not serve village {village}; its households redeem at their own village's supermarket.",
                ("village_code", village));
        }

        return new HouseholdQuery(householdNumber, village is null ? place.Villages : [village]);
    }

    /// <summary>The one household among those the local copy holds for the query, or Scoring's answer on a miss.</summary>
    public async Task<CachedHousehold> ChooseAsync(CounterPlace place, HouseholdQuery query, IReadOnlyList<CachedHousehold> found, CancellationToken ct)
    {
        if (found.Count > 1)
        {
            throw DomainException.Invalid("VILLAGE_REQUIRED",
                $"Household number {query.Number} exists in {string.Join(" and ", found.Select(h => h.VillageCode))}; choose the village.",
                "village_code");
        }

        if (found.Count == 1)
        {
            return found[0];
        }

        foreach (var candidate in query.Villages)
        {
            if (await scoring.FindHouseholdAsync(candidate, query.Number, ct) is { } household)
            {
                return await RememberAsync(household, ct);
            }
        }

        throw DomainException.NotFound("HOUSEHOLD_NOT_FOUND",
            $"There is no household {query.Number} in the villages supermarket {place.Supermarket} serves ({string.Join(", ", place.Villages)}).",
            ("household_number", query.Number));
    }

    private async Task<CachedHousehold> RememberAsync(Contracts.Scoring.V1.Household household, CancellationToken ct)
    {
        var cached = new CachedHousehold
        {
            VillageCode = household.VillageCode,
            Number = household.HouseholdNumber,
            HeadName = household.HeadName,
            MemberCount = household.MemberCount,
            PovertyRegistered = household.PovertyRegistered,
            Monitored = household.Monitored,
            HasMemberOver70 = household.HasMemberOver70,
            CardNumber = household.CardNumber.Length > 0 ? household.CardNumber : null,
            Merged = household.Status == Contracts.Scoring.V1.HouseholdStatus.Merged,
            MergedInto = household.MergedIntoHouseholdNumber.Length > 0 ? household.MergedIntoHouseholdNumber : null,
            Version = household.Version,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Households.Add(cached);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The household-registered event arrived meanwhile; its copy stands.
            db.ChangeTracker.Clear();
        }

        return cached;
    }
}
