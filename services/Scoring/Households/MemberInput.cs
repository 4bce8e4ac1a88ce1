using System.Globalization;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Text;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>Checks a member as typed by the village office. No I/O.</summary>
internal static class MemberInput
{
    public sealed record Checked(string Name, MemberRelation Relation, DateOnly BornOn, string? IdCardNumber);

    public static Checked Check(Api.NewMember? member, DateOnly today, string field = "member")
    {
        if (member is null)
        {
            throw DomainException.Invalid("HOUSEHOLD_MEMBER_REQUIRED", "Give the member's name, relation to the head and date of birth.", field);
        }

        string name;
        try
        {
            name = Input.Text(member.Name, "member_name", "member's name", HouseholdMember.MaxNameLength);
        }
        catch (DomainException ex)
        {
            throw DomainException.Invalid(ex.Reason, ex.Message, $"{field}.name");
        }

        var relation = Relation(member.Relation, $"{field}.relation");
        var bornOn = BornOn(member.BornOn, today, $"{field}.born_on");
        var id = IdCardNumber.Normalise(member.IdCardNumber, $"{field}.id_card_number");
        return new Checked(name, relation, bornOn, id);
    }

    public static MemberRelation Relation(Api.MemberRelation relation, string field) =>
        Enum.IsDefined((MemberRelation)(int)relation)
            ? (MemberRelation)(int)relation
            : throw DomainException.Invalid("MEMBER_RELATION_REQUIRED",
                "Choose the member's relation to the head of the household (head, spouse, child, parent, …).", field);

    public static DateOnly BornOn(string? text, DateOnly today, string field)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (!DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year < 1890)
        {
            throw DomainException.Invalid("BORN_ON_INVALID", "Write the date of birth as yyyy-MM-dd, for example 1952-03-18.", field);
        }

        if (date > today)
        {
            throw DomainException.Invalid("BORN_ON_IN_FUTURE", $"The date of birth {Day(date)} is after today ({Day(today)}).", field);
        }

        return date;
    }

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whole years of age on <paramref name="today"/>.</summary>
    public static int Age(DateOnly bornOn, DateOnly today)
    {
        var age = today.Year - bornOn.Year;
        return bornOn.AddYears(age) > today ? age - 1 : age;
    }
}
