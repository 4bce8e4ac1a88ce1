namespace Platform.Scoring.Panels;

/// <summary>A member of a village's review panel (评议小组).</summary>
internal sealed class PanelMember
{
    public required string VillageCode { get; set; }

    public required string MemberId { get; set; }

    public required string Name { get; set; }

    public PanelRole Role { get; set; }

    /// <summary>
    /// The member's own household number: he or she never approves for it. Empty for a member
    /// sent from outside the village, whom no recusal concerns.
    /// </summary>
    public required string HouseholdNumber { get; set; }

    /// <summary>The member's resident ID number, if given: recusal may follow it to households listing it.</summary>
    public string? IdCardNumber { get; set; }
}
