using Platform.ServiceDefaults.Text;

namespace Platform.Redemption.Households;

/// <summary>
/// The counter's copy of a Scoring household, kept from household-registered events (and filled
/// from Scoring on a miss), so typing a number or a name needs no call per keystroke.
/// </summary>
internal sealed class CachedHousehold
{
    private string headName = string.Empty;

    public required string VillageCode { get; set; }

    public required string Number { get; set; }

    /// <summary>
    /// Setting the name spells it, so no writer of the copy can forget the spellings the counter
    /// searches. EF Core reads the stored columns through the field, so reading spells nothing.
    /// </summary>
    public required string HeadName
    {
        get => headName;
        set
        {
            headName = value;
            HeadPinyin = Pinyin.Full(value);
            HeadInitials = Pinyin.Initials(value);
        }
    }

    /// <summary>The head's name in pinyin: lowercase, no tones, no spaces ("wangjianguo").</summary>
    public string HeadPinyin { get; private set; } = string.Empty;

    /// <summary>The first letter of each syllable of the head's name ("wjg").</summary>
    public string HeadInitials { get; private set; } = string.Empty;

    public int MemberCount { get; set; }

    public bool PovertyRegistered { get; set; }

    public bool Monitored { get; set; }

    /// <summary>Someone over 70 on the day of the last event, or the flag typed when no members are recorded.</summary>
    public bool HasMemberOver70 { get; set; }

    /// <summary>The day the oldest member turns 70, when members' birth dates are known: the counter asks it on the day of the redemption.</summary>
    public DateOnly? Over70From { get; set; }

    /// <summary>The youngest member's birth date, when members' birth dates are known: gift runs for households with children ask it.</summary>
    public DateOnly? YoungestBornOn { get; set; }

    /// <summary>The number on the household's card, which a scanner types at the counter.</summary>
    public string? CardNumber { get; set; }

    /// <summary>Merged into another household: shown at the counter, cannot redeem.</summary>
    public bool Merged { get; set; }

    public string? MergedInto { get; set; }

    /// <summary>Scoring's version of the household this copy holds; an event with a lower or equal one is old news.</summary>
    public long Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether someone in the household has turned 70 by <paramref name="today"/> (China time); without a day, as of the last event.</summary>
    public bool HasMemberOver70On(DateOnly? today) =>
        today is { } day && Over70From is { } from ? from <= day : HasMemberOver70;

    /// <summary>Whether someone in the household is younger than <paramref name="years"/> on <paramref name="day"/>; false when no birth dates are known.</summary>
    public bool HasChildUnderOn(int years, DateOnly day) => YoungestBornOn is { } born && born > day.AddYears(-years);

    /// <summary>The youngest of these birth dates; null for none.</summary>
    public static DateOnly? YoungestFromBirthDates(IReadOnlyCollection<DateOnly>? birthDates) =>
        birthDates is { Count: > 0 } ? birthDates.Max() : null;

    /// <summary>The day the oldest of these turns 70; null for none.</summary>
    public static DateOnly? Over70FromBirthDates(IReadOnlyCollection<DateOnly>? birthDates) =>
        birthDates is { Count: > 0 } ? birthDates.Min().AddYears(70) : null;
}
