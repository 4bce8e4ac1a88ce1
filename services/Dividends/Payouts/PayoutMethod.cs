namespace Platform.Dividends.Payouts;

internal enum PayoutMethod
{
    BankTransfer = 1,
    Cash = 2,
    EWallet = 3,
}
