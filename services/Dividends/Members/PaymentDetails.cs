using Platform.Dividends.Payouts;

namespace Platform.Dividends.Members;

/// <summary>How a member is paid: the latest details recorded replace the earlier ones.</summary>
internal sealed class PaymentDetails
{
    public long MemberId { get; init; }

    public required string CooperativeCode { get; init; }

    public PayoutMethod Method { get; set; }

    public string? Account { get; set; }

    public required string AccountHolder { get; set; }

    /// <summary>Full, as the bank needs it; masked in every answer (IdCardNumber.Mask).</summary>
    public string? IdCardNumber { get; set; }

    public DateTime UpdatedAt { get; set; }
}
