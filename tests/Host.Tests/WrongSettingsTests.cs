using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>A wrong setting stops the host at start with a message naming it, whatever its kind.</summary>
public sealed class WrongSettingsTests : IDisposable
{
    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData("Platform:Mode", "Cloud", "Embedded or Distributed")]
    [InlineData("Platform:GroupCommit", "yes", "true or false")]
    [InlineData("Platform:BackgroundJobs", "flase", "true or false")]
    [InlineData("Platform:Otlp:Endpoint", "collector", "absolute address")]
    [InlineData("Scoring:JournalSealSeconds", "0", "1 or more")]
    [InlineData("Scoring:PostingParallelism", "two", "whole number")]
    [InlineData("Redemption:ReturnDays", "seven", "whole number")]
    [InlineData("Redemption:ReturnDays", "-1", "0 or more")]
    [InlineData("Redemption:ScoringTimeoutSeconds", "0", "1 or more")]
    [InlineData("Redemption:ScoringAddress", "scoring:5181", "http:// or https://")]
    [InlineData("Redemption:ScoringAddress", "not an address", "absolute address")]
    [InlineData("Platform:FailPoints:redemption-after-spnd", "crash", "redemption-after-spend")]
    [InlineData("Platform:FailPoints:redemption-after-spend", "explode", "crash or off")]
    public async Task A_wrong_value_stops_the_start_naming_the_setting(string setting, string value, string expected)
    {
        var refused = await Record.ExceptionAsync(async () =>
        {
            await using var host = await RunningApp.StartAsync(args => Program.Build(args), new Dictionary<string, string?>
            {
                ["Platform:DataFolder"] = data.Path,
                ["Platform:BackgroundJobs"] = "false",
                [setting] = value,
            });
        });

        Assert.NotNull(refused);
        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}
