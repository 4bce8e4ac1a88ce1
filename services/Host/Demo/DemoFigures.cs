namespace Platform.Host.Demo;

/// <summary>What the demo wrote, for its closing summary.</summary>
internal sealed class DemoFigures
{
    public int Households { get; set; }

    public int Posted { get; set; }

    public int OnNotice { get; set; }

    public int Lots { get; set; }

    public int Orders { get; set; }

    public long PointsSpent { get; set; }

    public string ReturnedOrder { get; set; } = string.Empty;

    public long PointsRefunded { get; set; }

    public int CooperativeMembers { get; set; }

    public long DistributionId { get; set; }

    public long AllocatedFen { get; set; }

    public int PayoutsPaid { get; set; }

    /// <summary>The village's totals as Scoring reports them after the history.</summary>
    public Contracts.Scoring.V1.Totals Totals { get; set; } = new();

    public List<string> Journal { get; } = [];

    public bool JournalIntact { get; set; }
}
