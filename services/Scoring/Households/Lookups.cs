using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>Finds what a request names, or refuses with NotFound saying what was not found.</summary>
internal sealed class Lookups(ScoringDb db)
{
    public async Task<Village> VillageAsync(string? code, CancellationToken cancellationToken, bool tracked = false)
    {
        var checkedCode = Input.Code(code, "village_code", "village code");
        var query = tracked ? db.Villages : db.Villages.AsNoTracking();
        return await query.FirstOrDefaultAsync(v => v.Code == checkedCode, cancellationToken)
            ?? throw DomainException.NotFound("VILLAGE_NOT_FOUND", $"No village with code {checkedCode} is registered.",
                ("village_code", checkedCode));
    }

    public async Task<Household> HouseholdAsync(Api.HouseholdRef? reference, CancellationToken cancellationToken, bool mustBeActive = true)
    {
        var (village, number) = CheckRef(reference);
        return await HouseholdAsync(village, number, cancellationToken, mustBeActive);
    }

    /// <summary>Checks the form of a household reference without reading the database.</summary>
    public static (string VillageCode, string Number) CheckRef(Api.HouseholdRef? reference)
    {
        if (reference is null)
        {
            throw DomainException.Invalid("HOUSEHOLD_REQUIRED", "Name the household: its village code and household number.",
                "household");
        }

        return (Input.Code(reference.VillageCode, "village_code", "village code"),
            Input.Code(reference.HouseholdNumber, "household_number", "household number"));
    }

    public async Task<Household> HouseholdAsync(string? villageCode, string? number, CancellationToken cancellationToken, bool mustBeActive = true)
    {
        var village = Input.Code(villageCode, "village_code", "village code");
        var checkedNumber = Input.Code(number, "household_number", "household number");
        var household = await db.Households.AsNoTracking()
            .FirstOrDefaultAsync(h => h.VillageCode == village && h.Number == checkedNumber, cancellationToken);
        if (household is null)
        {
            throw await db.Villages.AnyAsync(v => v.Code == village, cancellationToken)
                ? HouseholdNotFound(village, checkedNumber)
                : VillageNotFound(village);
        }

        if (mustBeActive && household.Status != HouseholdStatus.Active)
        {
            throw HouseholdMerged(checkedNumber);
        }

        return household;
    }

    public static DomainException VillageNotFound(string village) =>
        DomainException.NotFound("VILLAGE_NOT_FOUND", $"No village with code {village} is registered.",
            ("village_code", village));

    public static DomainException HouseholdNotFound(string village, string number) =>
        DomainException.NotFound("HOUSEHOLD_NOT_FOUND",
            $"Village {village} has no household number {number}. Check the number on the points card.",
            ("village_code", village), ("household_number", number));

    public static DomainException HouseholdMerged(string number) =>
        DomainException.Precondition("HOUSEHOLD_MERGED",
            $"Household {number} was merged into another household and holds no points any more.",
            ("household_number", number));

    /// <summary>Who did it, for the record: required on every write.</summary>
    public static string Actor(string? actor, string field = "actor") =>
        Input.Text(actor, field, "name or id of the person acting");

    /// <summary>A free-text reason or note, optional but bounded.</summary>
    public static string Note(string? note, string field, int max = 500)
    {
        var trimmed = note?.Trim() ?? string.Empty;
        return trimmed.Length == 0 ? string.Empty : Input.Text(trimmed, field, field.Replace('_', ' '), max);
    }
}
