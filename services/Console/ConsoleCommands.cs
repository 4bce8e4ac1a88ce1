using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole;

/// <summary>
/// The console's commands: `admin create NAME` makes a county admin and prints a one-time
/// password (the first account of a new deployment).
/// </summary>
internal static class ConsoleCommands
{
    public static bool Requested(string[] args) => args.Length > 0 && args[0] is "admin" or "--help" or "-h";

    public static int Run(string[] args, InvocationConfiguration? io = null) =>
        new RootCommand("The love-points console. Without a command it serves.") { AdminCommand() }.Parse(args).Invoke(io);

    private static readonly Argument<string> UserName = new("NAME") { Description = "The user name to sign in with (letters, digits, . _ -)" };
    private static readonly Option<string> DisplayName = new("--display-name") { Description = "The name shown in the console (default: NAME)" };

    public static Command AdminCommand()
    {
        var create = new Command("create", "Creates a county admin account and prints its one-time password, to be changed at the first sign-in. "
            + "Settings may follow as --Section:Key=Value (for example --Platform:DataFolder=DIR).")
        {
            UserName, DisplayName,
        };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var settings = CommandSettings.From(result);
            var name = result.GetValue(UserName)!;
            await using var app = ConsoleApp.Build([.. settings, "--Logging:LogLevel:Default=Warning"]);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDb>();
            await db.Database.MigrateAsync(ct);
            var password = PasswordRules.OneTime();
            try
            {
                await scope.ServiceProvider.GetRequiredService<AccountStore>().CreateAsync(new AccountDraft
                {
                    UserName = name,
                    DisplayName = result.GetValue(DisplayName) ?? name,
                    Role = Role.CountyAdmin,
                }, password, ct);
            }
            catch (AccountException ex)
            {
                error.WriteLine(ex.Problem switch
                {
                    AccountProblem.UserNameTaken => $"An account named '{name}' exists already.",
                    AccountProblem.UserNameInvalid => $"'{name}' is not a user name: use 2 to 64 letters, digits, '.', '_' or '-'.",
                    _ => ex.Message,
                });
                return 1;
            }

            output.WriteLine($"County admin '{name}' created. One-time password (changed at the first sign-in):");
            output.WriteLine(password);
            return 0;
        });
        return new Command("admin", "Accounts of the console.") { create };
    }
}
