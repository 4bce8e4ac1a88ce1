namespace Platform.Dividends.Distributions;

internal enum ObjectionStatus
{
    /// <summary>Lodged and not yet answered: no payout of the distribution may be created.</summary>
    Open = 1,

    /// <summary>The cooperative has answered it.</summary>
    Resolved = 2,
}
