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

    public bool HasMemberOver70 { get; set; }

    public DateTime UpdatedAt { get; set; }
}
