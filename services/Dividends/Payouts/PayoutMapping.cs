using Platform.Dividends.Distributions;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Payouts;

internal static class PayoutMapping
{
    public static PayoutMethod Method(Api.PayoutMethod method) => method switch
    {
        Api.PayoutMethod.BankTransfer => PayoutMethod.BankTransfer,
        Api.PayoutMethod.Cash => PayoutMethod.Cash,
        Api.PayoutMethod.EWallet => PayoutMethod.EWallet,
        _ => throw DomainException.Invalid("METHOD_INVALID", "Choose how the dividend is paid: bank transfer, cash or e-wallet.",
            "method"),
    };

    /// <summary>Bank transfers and e-wallets need an account; cash does not.</summary>
    public static string? Account(PayoutMethod method, string? account)
    {
        if (method == PayoutMethod.Cash)
        {
            return null;
        }

        var text = (account ?? string.Empty).Trim();
        return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '@' or '.' or '_')
            ? text
            : throw DomainException.Invalid("ACCOUNT_INVALID",
                "A bank transfer or e-wallet payout needs the account: 1 to 64 letters, digits, '-', '.', '_' or '@'.",
                "account");
    }

    public static string PayoutId(string? id)
    {
        var text = (id ?? string.Empty).Trim();
        return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? text
            : throw DomainException.Invalid("PAYOUT_ID_INVALID", "The payout id must be 1 to 64 letters, digits or hyphens (a GUID will do).",
                "payout_id");
    }

    public static Api.Payout ToApi(Payout p) => new()
    {
        PayoutId = p.PayoutId,
        DistributionId = p.DistributionId,
        MemberId = p.MemberId,
        AmountFen = p.AmountFen,
        Method = (Api.PayoutMethod)(int)p.Method,
        Account = p.Account ?? string.Empty,
        Status = (Api.PayoutStatus)(int)p.Status,
        FailureReason = p.FailureReason ?? string.Empty,
        Reference = p.Reference ?? string.Empty,
        Attempts = p.Attempts,
        PaidAt = DistributionMapping.Time(p.PaidAt),
    };
}
