using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>
/// Checks a batch of new households as a whole and names every bad row, so a secretary can fix
/// the spreadsheet in one pass.
/// </summary>
internal static class HouseholdInput
{
    public const int MaxBatch = 5000;
    public const int MaxMembers = 50;

    public static IReadOnlyList<FieldViolation> Check(IReadOnlyList<Api.NewHousehold> rows, ISet<string> numbersTaken)
    {
        var violations = new List<FieldViolation>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var prefix = $"households[{i}]";
            var number = row.HouseholdNumber?.Trim() ?? string.Empty;
            if (Problem(() => Input.Code(number, "household_number", "household number")) is { } numberProblem)
            {
                violations.Add(new FieldViolation($"{prefix}.household_number", $"row {i + 1}: {numberProblem}"));
            }
            else if (seen.TryGetValue(number, out var first))
            {
                violations.Add(new FieldViolation($"{prefix}.household_number",
                    $"row {i + 1}: household number {number} appears twice in this batch (first in row {first + 1})."));
            }
            else if (numbersTaken.Contains(number))
            {
                violations.Add(new FieldViolation($"{prefix}.household_number",
                    $"row {i + 1}: household number {number} is already registered in this village."));
            }
            else
            {
                seen[number] = i;
            }

            if (Problem(() => Input.Text(row.HeadName, "head_name", "head of household's name")) is { } headProblem)
            {
                violations.Add(new FieldViolation($"{prefix}.head_name", $"row {i + 1}: {headProblem}"));
            }

            if (row.MemberCount is < 1 or > MaxMembers)
            {
                violations.Add(new FieldViolation($"{prefix}.member_count",
                    $"row {i + 1}: a household has 1 to {MaxMembers} members; {row.MemberCount} was given."));
            }
        }

        return violations;
    }

    public static Household ToHousehold(Api.NewHousehold row, string villageCode, string actor, DateTime now) => new()
    {
        VillageCode = villageCode,
        Number = row.HouseholdNumber.Trim(),
        HeadName = row.HeadName.Trim(),
        MemberCount = row.MemberCount,
        PovertyRegistered = row.PovertyRegistered,
        Monitored = row.Monitored,
        HasMemberOver70 = row.HasMemberOver70,
        Status = HouseholdStatus.Active,
        RegisteredAt = now,
        RegisteredBy = actor,
    };

    private static string? Problem(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }
}
