namespace Platform.Dividends.Distributions;

internal enum DistributionStatus
{
    Draft = 1,

    /// <summary>Approved by the board and the supervisory board: immutable from here on.</summary>
    Approved = 2,

    /// <summary>On public notice (公示), then being paid.</summary>
    Published = 3,

    /// <summary>Every member with an amount has been paid.</summary>
    Paid = 4,
}
