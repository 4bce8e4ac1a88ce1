using Microsoft.Extensions.Configuration;
using Platform.Scoring.Awards;
using Xunit;

namespace Platform.Scoring.Tests;

/// <summary>The setting that splits a county's month-end job into shares on PostgreSQL.</summary>
public sealed class PostingParallelismTests
{
    private static int Parallelism(string? setting) =>
        PostingShares.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scoring:PostingParallelism"] = setting })
            .Build());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Unset_or_empty_means_the_cores_at_most_four(string? setting) =>
        Assert.Equal(Math.Min(Environment.ProcessorCount, 4), Parallelism(setting));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("8", 8)]
    public void A_whole_number_of_one_or_more_is_taken_as_given(string setting, int expected) =>
        Assert.Equal(expected, Parallelism(setting));

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void Anything_else_is_refused_naming_the_setting_and_the_value(string setting)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Parallelism(setting));
        Assert.Contains("Scoring:PostingParallelism", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'{setting}'", refused.Message, StringComparison.Ordinal);
    }
}
