namespace Platform.Dividends.Payouts;

public enum PayoutMethod
{
    BankTransfer = 1,
    Cash = 2,
    EWallet = 3,
}
