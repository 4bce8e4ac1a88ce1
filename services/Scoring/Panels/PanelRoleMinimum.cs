namespace Platform.Scoring.Panels;

/// <summary>A village's rule that at least <see cref="Approvals"/> members of a role approve each award.</summary>
internal sealed class PanelRoleMinimum
{
    public required string VillageCode { get; set; }

    public PanelRole Role { get; set; }

    public int Approvals { get; set; }
}
