using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Components.Pages.Stock;

/// <summary>Which supermarkets a person's stock pages offer: a clerk's own; anyone reaching all of them types a code.</summary>
internal static class StockScope
{
    public static IReadOnlyList<string> Supermarkets(Account account) =>
        Account.Codes(account.Supermarkets).Where(c => c != "*").ToList();

    public static string DefaultSupermarket(Account account) => Supermarkets(account).FirstOrDefault() ?? string.Empty;

    /// <summary>A fresh idempotency key for one form; kept until the service has recorded it.</summary>
    public static string NewKey(string form) => $"console-{form}-{Guid.NewGuid():N}";
}
