using Platform.ServiceDefaults.Text;

namespace Platform.Scoring.Households;

/// <summary>A household of a village, known by the number on its points card.</summary>
internal sealed class Household
{
    private string headName = string.Empty;

    public long Id { get; set; }

    public required string VillageCode { get; set; }

    public required string Number { get; set; }

    /// <summary>Setting the name spells it, so a search by pinyin or initials finds the head.</summary>
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

    public string HeadPinyin { get; private set; } = string.Empty;

    public string HeadInitials { get; private set; } = string.Empty;

    /// <summary>The active members recorded, kept with every member change; the typed count while none are recorded.</summary>
    public int MemberCount { get; set; }

    /// <summary>Kept from <see cref="PovertyStatus"/>: it is Registered.</summary>
    public bool PovertyRegistered { get; set; }

    /// <summary>Kept from <see cref="PovertyStatus"/>: it is Monitored.</summary>
    public bool Monitored { get; set; }

    public PovertyStatus PovertyStatus { get; set; } = PovertyStatus.None;

    /// <summary>As typed at registration; what is answered only while no members are recorded.</summary>
    public bool HasMemberOver70 { get; set; }

    /// <summary>
    /// The birth date of the oldest active member, kept with every member change; null while no
    /// members are recorded. Whether someone is over 70 is derived from it on the day asked.
    /// </summary>
    public DateOnly? OldestMemberBornOn { get; set; }

    /// <summary>The number on the card the counter scans; unique in the village.</summary>
    public string? CardNumber { get; set; }

    /// <summary>Up by one with every change, so the counter's copy can ignore an older event.</summary>
    public long Version { get; set; } = 1;

    public HouseholdStatus Status { get; set; } = HouseholdStatus.Active;

    public long? MergedIntoId { get; set; }

    public DateTime RegisteredAt { get; set; }

    public required string RegisteredBy { get; set; }

    /// <summary>
    /// The status as it stands; a row written before the status was kept (0 or None) reads from
    /// its old flags.
    /// </summary>
    public PovertyStatus CurrentPovertyStatus =>
        PovertyStatus is PovertyStatus.Registered or PovertyStatus.LiftedOut or PovertyStatus.Monitored ? PovertyStatus
        : Monitored ? PovertyStatus.Monitored
        : PovertyRegistered ? PovertyStatus.Registered
        : PovertyStatus.None;

    public void SetPovertyStatus(PovertyStatus status)
    {
        PovertyStatus = status;
        PovertyRegistered = status == PovertyStatus.Registered;
        Monitored = status == PovertyStatus.Monitored;
    }
}
