using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Hosting;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class PlatformOptionsTests
{
    private static PlatformOptions From(params (string Key, string Value)[] values) =>
        PlatformOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Without_settings_the_platform_runs_embedded()
    {
        Assert.Equal(PlatformMode.Embedded, From().Mode);
    }

    [Fact]
    public void The_variables_infra_sh_writes_are_understood()
    {
        var options = From(("PLATFORM_MODE", "distributed"), ("PLATFORM_POSTGRES", "Host=127.0.0.1;Port=47432"),
            ("PLATFORM_RABBITMQ", "amqp://127.0.0.1:47672/"), ("PLATFORM_REDIS", "127.0.0.1:47379"));

        Assert.Equal(PlatformMode.Distributed, options.Mode);
        Assert.Equal("127.0.0.1:47379", options.Redis);
        options.RequireDistributedSettings();
    }

    [Fact]
    public void The_platform_section_wins_over_the_variables()
    {
        var options = From(("PLATFORM_REDIS", "127.0.0.1:1"), ("Platform:Redis", "127.0.0.1:2"));

        Assert.Equal("127.0.0.1:2", options.Redis);
    }

    [Fact]
    public void Distributed_mode_without_servers_names_every_missing_setting()
    {
        var options = From(("Platform:Mode", "Distributed"), ("Platform:Redis", "127.0.0.1:47379"));

        var ex = Assert.Throws<InvalidOperationException>(options.RequireDistributedSettings);
        Assert.Contains("Platform:Postgres", ex.Message);
        Assert.Contains("Platform:RabbitMq", ex.Message);
        Assert.DoesNotContain("Platform:Redis", ex.Message);
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_choices()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => From(("Platform:Mode", "Cloud")));

        Assert.Contains("Embedded or Distributed", ex.Message);
    }

    [Fact]
    public void Each_service_has_its_own_database_name_unless_configured()
    {
        var options = From(("Platform:Databases:scoring", "county_scoring"));

        Assert.Equal("county_scoring", options.DatabaseName("scoring"));
        Assert.Equal("platform_redemption", options.DatabaseName("redemption"));
    }

    [Theory]
    [InlineData("Platform:GroupCommit", "no")]
    [InlineData("Platform:BackgroundJobs", "0")]
    [InlineData("Platform:Mode", "1")]
    public void A_value_of_the_wrong_kind_is_refused_naming_the_setting_and_the_value(string setting, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => From((setting, value)));

        Assert.Contains($"{setting} is '{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Switches_are_read_as_given()
    {
        var options = From(("Platform:GroupCommit", "false"), ("Platform:BackgroundJobs", "False"), ("Platform:Mode", "distributed"),
            ("Platform:SqliteWriteGate", "false"));

        Assert.False(options.GroupCommit);
        Assert.False(options.SqliteWriteGate);
        Assert.False(options.BackgroundJobs);
        Assert.Equal(PlatformMode.Distributed, options.Mode);
        Assert.True(From().GroupCommit);
        Assert.True(From().SqliteWriteGate);
    }
}
