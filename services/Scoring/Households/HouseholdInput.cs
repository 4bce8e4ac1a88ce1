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

    /// <summary>What the village already holds that a new row must not repeat.</summary>
    public sealed record Taken(ISet<string> Numbers, ISet<string> Cards, ISet<string> IdCardNumbers)
    {
        public static Taken Nothing => new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
    }

    /// <summary>The card numbers and ID card numbers (stored form) of the rows, well-formed or not, to look up before checking.</summary>
    public static (List<string> Cards, List<string> IdCardNumbers) Keys(IReadOnlyList<Api.NewHousehold> rows) =>
        (rows.Select(r => r.CardNumber?.Trim() ?? string.Empty).Where(c => c.Length > 0).ToList(),
         rows.SelectMany(r => r.Members).Select(m => m.IdCardNumber?.Trim().ToUpperInvariant() ?? string.Empty).Where(i => i.Length > 0).ToList());

    public static IReadOnlyList<FieldViolation> Check(IReadOnlyList<Api.NewHousehold> rows, Taken taken, DateOnly today)
    {
        var violations = new List<FieldViolation>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var cardsSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var idsSeen = new Dictionary<string, int>(StringComparer.Ordinal);
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
            else if (taken.Numbers.Contains(number))
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

            CheckCard(row, i, taken, cardsSeen, violations);
            if (row.Members.Count == 0)
            {
                if (row.MemberCount is < 1 or > MaxMembers)
                {
                    violations.Add(new FieldViolation($"{prefix}.member_count",
                        $"row {i + 1}: a household has 1 to {MaxMembers} members; {row.MemberCount} was given."));
                }
            }
            else
            {
                CheckMembers(row, i, taken, idsSeen, today, violations);
            }

            if (row.PovertyRegistered && row.Monitored)
            {
                violations.Add(new FieldViolation($"{prefix}.monitored",
                    $"row {i + 1}: a household is either registered poor (建档立卡) or monitored (监测户), not both; choose one and record later changes of status."));
            }
        }

        return violations;
    }

    private static void CheckCard(Api.NewHousehold row, int i, Taken taken, Dictionary<string, int> cardsSeen, List<FieldViolation> violations)
    {
        var card = row.CardNumber?.Trim() ?? string.Empty;
        if (card.Length == 0)
        {
            return;
        }

        var field = $"households[{i}].card_number";
        if (Problem(() => Input.Code(card, "card_number", "card number")) is { } problem)
        {
            violations.Add(new FieldViolation(field, $"row {i + 1}: {problem}"));
        }
        else if (cardsSeen.TryGetValue(card, out var first))
        {
            violations.Add(new FieldViolation(field, $"row {i + 1}: card number {card} appears twice in this batch (first in row {first + 1})."));
        }
        else if (taken.Cards.Contains(card))
        {
            violations.Add(new FieldViolation(field, $"row {i + 1}: card number {card} already opens another household of this village."));
        }
        else
        {
            cardsSeen[card] = i;
        }
    }

    private static void CheckMembers(Api.NewHousehold row, int i, Taken taken, Dictionary<string, int> idsSeen, DateOnly today, List<FieldViolation> violations)
    {
        var prefix = $"households[{i}]";
        if (row.Members.Count > MaxMembers)
        {
            violations.Add(new FieldViolation($"{prefix}.members", $"row {i + 1}: a household has 1 to {MaxMembers} members; {row.Members.Count} were given."));
            return;
        }

        if (row.MemberCount != 0 && row.MemberCount != row.Members.Count)
        {
            violations.Add(new FieldViolation($"{prefix}.member_count",
                $"row {i + 1}: {row.Members.Count} members are listed but member_count says {row.MemberCount}; leave member_count 0 to count the members listed."));
        }

        if (row.HasMemberOver70)
        {
            violations.Add(new FieldViolation($"{prefix}.has_member_over_70",
                $"row {i + 1}: with members listed, someone over 70 is worked out from their birth dates; leave has_member_over_70 unset."));
        }

        var heads = 0;
        for (var m = 0; m < row.Members.Count; m++)
        {
            var field = $"{prefix}.members[{m}]";
            MemberInput.Checked member;
            try
            {
                member = MemberInput.Check(row.Members[m], today, field);
            }
            catch (DomainException ex)
            {
                violations.Add(new FieldViolation(field, $"row {i + 1}, member {m + 1}: {ex.Message}"));
                continue;
            }

            if (member.Relation == MemberRelation.Head)
            {
                heads++;
                if (member.Name != (row.HeadName?.Trim() ?? string.Empty))
                {
                    violations.Add(new FieldViolation($"{field}.name",
                        $"row {i + 1}, member {m + 1}: the member with relation head must be named as the head of household ({row.HeadName?.Trim()})."));
                }
            }

            if (member.IdCardNumber is { } id)
            {
                if (idsSeen.TryGetValue(id, out var first))
                {
                    violations.Add(new FieldViolation($"{field}.id_card_number",
                        $"row {i + 1}, member {m + 1}: this ID card number is given twice in this batch (first in row {first + 1})."));
                }
                else if (taken.IdCardNumbers.Contains(id))
                {
                    violations.Add(new FieldViolation($"{field}.id_card_number",
                        $"row {i + 1}, member {m + 1}: this ID card number belongs to a member of another household of this village; remove him or her there first."));
                }
                else
                {
                    idsSeen[id] = i;
                }
            }
        }

        if (heads != 1)
        {
            violations.Add(new FieldViolation($"{prefix}.members",
                $"row {i + 1}: exactly one member must have the relation head; {heads} have."));
        }
    }

    /// <summary>The household of a checked row; its members, when listed, follow from <see cref="Members"/>.</summary>
    public static Household ToHousehold(Api.NewHousehold row, string villageCode, string actor, DateTime now, DateOnly today)
    {
        var members = Members(row, villageCode, actor, now, today);
        var household = new Household
        {
            VillageCode = villageCode,
            Number = row.HouseholdNumber.Trim(),
            HeadName = row.HeadName.Trim(),
            MemberCount = members.Count > 0 ? members.Count : row.MemberCount,
            HasMemberOver70 = members.Count == 0 && row.HasMemberOver70,
            OldestMemberBornOn = members.Count > 0 ? members.Min(m => m.BornOn) : null,
            CardNumber = string.IsNullOrWhiteSpace(row.CardNumber) ? null : row.CardNumber.Trim(),
            Status = HouseholdStatus.Active,
            RegisteredAt = now,
            RegisteredBy = actor,
        };
        household.SetPovertyStatus(row.Monitored ? PovertyStatus.Monitored : row.PovertyRegistered ? PovertyStatus.Registered : PovertyStatus.None);
        return household;
    }

    /// <summary>The members listed in a checked row, not yet tied to their household.</summary>
    public static List<HouseholdMember> Members(Api.NewHousehold row, string villageCode, string actor, DateTime now, DateOnly today) =>
        row.Members.Select((m, i) => MemberInput.Check(m, today, $"members[{i}]")).Select(m => new HouseholdMember
        {
            VillageCode = villageCode,
            Name = m.Name,
            Relation = m.Relation,
            BornOn = m.BornOn,
            IdCardNumber = m.IdCardNumber,
            AddedAt = now,
            AddedBy = actor,
        }).ToList();

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
