namespace Platform.Dividends.Distributions;

/// <summary>A cooperative's distribution of one period's surplus, from draft to paid. Amounts in fen.</summary>
internal sealed class Distribution
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public DateOnly PeriodFrom { get; init; }

    public DateOnly PeriodTo { get; init; }

    public int PolicyVersion { get; set; }

    public DistributionStatus Status { get; set; }

    public long IncomeFen { get; set; }

    public long ExpensesFen { get; set; }

    public long BroughtForwardFen { get; set; }

    public long LossCarriedForwardFen { get; set; }

    public long DistributableFen { get; set; }

    public long ReserveFen { get; set; }

    public long WelfareFen { get; set; }

    public long RetainedFen { get; set; }

    public long LossCarriedOutFen { get; set; }

    public long AllocatedFen { get; set; }

    public string? BoardApprover { get; set; }

    public string? SupervisoryApprover { get; set; }

    /// <summary>The board's signature (Board/SignApproval): roster entry, the signer's subject, when.</summary>
    public long? BoardSignerId { get; set; }

    public string? BoardSignerSubject { get; set; }

    public DateTime? BoardSignedAt { get; set; }

    /// <summary>The supervisory board's signature, by another person than the board's.</summary>
    public long? SupervisorySignerId { get; set; }

    public string? SupervisorySignerSubject { get; set; }

    public DateTime? SupervisorySignedAt { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ApprovedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? NoticeEndsAt { get; set; }

    /// <summary>Optimistic concurrency token: every change increments it.</summary>
    public int Revision { get; set; }

    /// <summary>Whether income and expenses were made up from the recorded income lines, and from how many.</summary>
    public bool FromIncomeLines { get; set; }

    public int IncomeLineCount { get; set; }

    /// <summary>The share returned by trade the draft had to meet (a farmers' specialised cooperative's), null when none.</summary>
    public int? PatronageMinimumBp { get; set; }
}
