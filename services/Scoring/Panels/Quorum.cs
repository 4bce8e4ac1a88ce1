namespace Platform.Scoring.Panels;

/// <summary>How many approvals a proposal needs.</summary>
internal static class Quorum
{
    /// <summary>The configured quorum, capped at the panel's size; 0 means a majority.</summary>
    public static int Needed(int configured, int panelSize) =>
        panelSize == 0 ? 1 : configured > 0 ? Math.Min(configured, panelSize) : panelSize / 2 + 1;
}
