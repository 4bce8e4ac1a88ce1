using Microsoft.AspNetCore.Components;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Api;
using Platform.WebConsole.Auth;

namespace Platform.WebConsole.Components.Pages.Stock;

/// <summary>
/// What the stock pages and the day report share: the account, the supermarket chosen, and one
/// way to call the services that shows a refusal and sends a signed-out person to sign in.
/// </summary>
// Public because Razor components, which inherit it, are public; its members stay private protected.
public abstract class StaffPageBase : ComponentBase
{
    [Inject]
    private protected PlatformApi Api { get; set; } = null!;

    [Inject]
    private protected NavigationManager Navigation { get; set; } = null!;

    private protected Account? Account { get; private set; }

    protected string Supermarket { get; set; } = string.Empty;

    protected Refusal? Refusal { get; set; }

    protected bool Busy { get; private set; }

    protected string Actor => Account?.Subject ?? string.Empty;

    protected override async Task OnInitializedAsync()
    {
        if (await TryAsync(async () =>
            {
                Account = await Api.AccountAsync();
                Supermarket = StockScope.DefaultSupermarket(Account);
            }) && Supermarket.Length > 0)
        {
            await TryAsync(LoadAsync);
        }
    }

    /// <summary>Reads what the page shows for <see cref="Supermarket"/>.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected async Task SupermarketChangedAsync(string code)
    {
        Supermarket = code;
        if (code.Length > 0)
        {
            await TryAsync(LoadAsync);
        }
    }

    /// <returns>Whether the work was done; otherwise <see cref="Refusal"/> says why.</returns>
    protected async Task<bool> TryAsync(Func<Task> work)
    {
        Busy = true;
        Refusal = null;
        try
        {
            await work();
            return true;
        }
        catch (Refusal refusal)
        {
            Refusal = refusal;
            return false;
        }
        catch (SignedOutException)
        {
            Navigation.NavigateTo("/signin?problem=signedout", forceLoad: true);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
