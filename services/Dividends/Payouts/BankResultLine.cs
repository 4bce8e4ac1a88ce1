namespace Platform.Dividends.Payouts;

/// <summary>One line of the bank's result file: which transfer (payout id or account), its amount, paid or failed, and the bank's reference or reason.</summary>
internal sealed record BankResultLine(int LineNumber, string PayoutOrAccount, long AmountFen, bool Paid, string? Note);
