using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Messaging;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class MessagingOptionsTests
{
    private static MessagingOptions From(params (string Key, string Value)[] values)
    {
        var options = new MessagingOptions();
        MessagingOptions.Bind(options, new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
        return options;
    }

    [Fact]
    public void Without_settings_a_publish_waits_ten_seconds_and_health_gives_a_minute()
    {
        var options = From(("Platform:Messaging:PublishTimeoutSeconds", ""));

        Assert.Equal(TimeSpan.FromSeconds(10), options.PublishTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.UnhealthyAfter);
    }

    [Fact]
    public void Whole_seconds_given_are_used()
    {
        var options = From(("Platform:Messaging:PublishTimeoutSeconds", "3"), ("Platform:Messaging:UnhealthyAfterSeconds", "120"));

        Assert.Equal(TimeSpan.FromSeconds(3), options.PublishTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), options.UnhealthyAfter);
    }

    [Theory]
    [InlineData("Platform:Messaging:PublishTimeoutSeconds", "0")]
    [InlineData("Platform:Messaging:PublishTimeoutSeconds", "00:00:10")]
    [InlineData("Platform:Messaging:PublishTimeoutSeconds", "301")]
    [InlineData("Platform:Messaging:UnhealthyAfterSeconds", "-5")]
    [InlineData("Platform:Messaging:UnhealthyAfterSeconds", "1.5")]
    public void A_value_that_is_not_whole_seconds_in_range_is_refused_naming_the_setting(string setting, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => From((setting, value)));

        Assert.Contains(setting, ex.Message);
        Assert.Contains($"'{value}'", ex.Message);
    }
}
