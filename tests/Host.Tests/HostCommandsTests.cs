using System.CommandLine;
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

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = HostCommands.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
