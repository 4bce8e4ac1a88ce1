using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Faults;
using Xunit;

namespace Platform.Shared.Tests;

/// <summary>Named fail points: off unless armed, and a wrong name or action refused.</summary>
public sealed class FailPointsTests
{
    private static FailPoints Start(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());
        services.AddFailPoints();
        services.AddFailPoint("after-hold", "dies after the hold");
        services.AddFailPoint("after-capture", "dies after the capture");
        return services.BuildServiceProvider().GetRequiredService<FailPoints>();
    }

    [Fact]
    public void Without_settings_no_fail_point_is_armed()
    {
        var points = Start();

        Assert.False(points.Armed("after-hold"));
        points.Hit("after-hold", "nothing happens");
    }

    [Fact]
    public void A_point_armed_with_crash_is_armed_and_no_other()
    {
        var points = Start(("Platform:FailPoints:After-Hold", "crash"), ("Platform:FailPoints:after-capture", "off"));

        Assert.True(points.Armed("after-hold"));
        Assert.False(points.Armed("after-capture"));
    }

    [Fact]
    public void A_name_no_point_has_is_refused_with_the_names_there_are()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Start(("Platform:FailPoints:after-hld", "crash")));

        Assert.Contains("Platform:FailPoints:after-hld", refused.Message, StringComparison.Ordinal);
        Assert.Contains("after-capture, after-hold", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_other_than_crash_or_off_is_refused()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Start(("Platform:FailPoints:after-hold", "true")));

        Assert.Contains("Platform:FailPoints:after-hold is 'true'", refused.Message, StringComparison.Ordinal);
    }
}
