using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>The host's commands as a person types them.</summary>
public sealed class HostCommandsTests : IDisposable
{
    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData("token", "--subject")]
    [InlineData("verify-journal", "--all")]
    [InlineData("demo", "--Platform:DataFolder")]
    [InlineData("backup", "--to")]
    [InlineData("restore", "--from")]
    [InlineData("", "token")]
    public void Every_command_explains_itself_with_help(string command, string mentioned)
    {
        var (exit, output, _) = Run([.. new[] { command }.Where(c => c.Length > 0), "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains(mentioned, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token", "--role", "clerk", "--colour", "red")]
    [InlineData("token", "--role", "clerk", "--subject", "x", "--days")]
    [InlineData("verify-journal", "--bogus")]
    [InlineData("backup")]
    [InlineData("restore", "--from")]
    public void An_unknown_or_incomplete_option_fails_with_a_message(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.NotEqual(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void An_unknown_option_is_named_in_the_message()
    {
        var (_, _, error) = Run(["token", "--role", "clerk", "--subject", "x", "--colour=red"]);

        Assert.Contains("'--colour=red'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_minted_with_the_hosts_key_is_accepted_by_the_host()
    {
        var (exit, token, error) = Run(["token", "--role", "auditor", "--subject", "County audit office", "--days", "1",
            $"--Platform:DataFolder={data.Path}"]);
        Assert.True(exit == 0, error);

        await using var host = await RunningApp.StartAsync(args => Program.Build(args), new Dictionary<string, string?>
        {
            ["Platform:DataFolder"] = data.Path,
            ["Platform:BackgroundJobs"] = "false",
            // No configured key: the host signs and checks with the one in its data folder, as the command did.
            ["Platform:Auth:SigningKey"] = "",
        });
        using var channel = host.ChannelWithToken(token.Trim());

        var villages = await new Villages.VillagesClient(channel).ListVillagesAsync(new ListVillagesRequest());

        Assert.Empty(villages.Villages);
    }

    [Fact]
    public async Task Admin_create_prints_a_one_time_password_that_signs_the_county_admin_in()
    {
        var (exit, output, error) = Run(["admin", "create", "tang.county", "--display-name", "唐县长", $"--Platform:DataFolder={data.Path}"]);
        Assert.True(exit == 0, error);
        var password = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

        await using var db = new WebConsole.Accounts.SqliteAccountsDb(
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<WebConsole.Accounts.SqliteAccountsDb>()
                .UseSqlite(ServiceDefaults.Data.ServiceDatabaseExtensions.SqliteConnectionString(data.Path, "console")).Options);
        var result = await new WebConsole.Accounts.AccountStore(db, TimeProvider.System).CheckPasswordAsync("tang.county", password);

        Assert.Equal(WebConsole.Accounts.SignInOutcome.Success, result.Outcome);
        Assert.Equal("county_admin", result.Account!.Role);
        Assert.Equal("唐县长", result.Account.DisplayName);
        Assert.True(result.Account.MustChangePassword);
        Assert.DoesNotContain(password, result.Account.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_create_refuses_a_name_that_exists()
    {
        Assert.Equal(0, Run(["admin", "create", "tang.county", $"--Platform:DataFolder={data.Path}"]).Exit);

        var (exit, _, error) = Run(["admin", "create", "TANG.county", $"--Platform:DataFolder={data.Path}"]);

        Assert.NotEqual(0, exit);
        Assert.Contains("exists already", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = HostCommands.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
