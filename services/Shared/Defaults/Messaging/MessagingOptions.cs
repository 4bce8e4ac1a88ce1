using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// How long the outbox relay waits for the broker, and when health calls messaging broken.
/// Read from <c>Platform:Messaging</c> and checked when the service starts, so a wrong value
/// stops the start with a message naming the setting.
/// </summary>
internal sealed class MessagingOptions
{
    public const string PublishTimeoutSetting = "Platform:Messaging:PublishTimeoutSeconds";
    public const string UnhealthyAfterSetting = "Platform:Messaging:UnhealthyAfterSeconds";

    /// <summary>
    /// A publish whose broker confirm has not come back by then counts as failed and its row is
    /// published again (at least once; consumers' inboxes absorb a late duplicate).
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Messaging health answers NOT_SERVING once the oldest unsent outbox row, or a receive
    /// endpoint that is not ready, is older than this.
    /// </summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(60);

    public static void Bind(MessagingOptions options, IConfiguration configuration)
    {
        options.PublishTimeout = Seconds(configuration, PublishTimeoutSetting, options.PublishTimeout, max: 300);
        options.UnhealthyAfter = Seconds(configuration, UnhealthyAfterSetting, options.UnhealthyAfter, max: 86_400);
    }

    /// <summary>Unset or empty: the default; else a whole number of seconds from 1 to <paramref name="max"/>.</summary>
    private static TimeSpan Seconds(IConfiguration configuration, string setting, TimeSpan fallback, int max) =>
        configuration[setting] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 && seconds <= max
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidOperationException($"{setting} is '{text}'; it must be a whole number of seconds from 1 to {max}.")
            : fallback;
}
