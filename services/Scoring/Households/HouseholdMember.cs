using Platform.ServiceDefaults.Text;

namespace Platform.Scoring.Households;

/// <summary>A person of a household, as the village office records him or her.</summary>
internal sealed class HouseholdMember
{
    public const int MaxNameLength = 100;

    private string name = string.Empty;

    public long Id { get; set; }

    public long HouseholdId { get; set; }

    public required string VillageCode { get; set; }

    /// <summary>Setting the name spells it, so a search by pinyin or initials finds every member.</summary>
    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NamePinyin = Pinyin.Full(value);
            NameInitials = Pinyin.Initials(value);
        }
    }

    public string NamePinyin { get; private set; } = string.Empty;

    public string NameInitials { get; private set; } = string.Empty;

    public MemberRelation Relation { get; set; }

    public DateOnly BornOn { get; set; }

    /// <summary>Normalised (uppercase X), for matching; never answered, logged or published in full.</summary>
    public string? IdCardNumber { get; set; }

    public DateTime AddedAt { get; set; }

    public required string AddedBy { get; set; }

    /// <summary>Set when the member left; a removed member keeps his or her record.</summary>
    public DateTime? RemovedAt { get; set; }

    public string? RemovedBy { get; set; }

    public string? RemovedReason { get; set; }
}
