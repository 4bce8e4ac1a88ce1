using Platform.ServiceDefaults.Hosting;

namespace Platform.Redemption;

/// <summary>The "Redemption" section: the counter's timings and the way to Scoring.</summary>
public sealed class RedemptionSettings : ICheckedSettings
{
    public const string Section = "Redemption";

    /// <summary>
    /// How often the recovery worker looks for pending orders and returns. A pending order is
    /// settled at the first pass after its request gave up (or the process restarted); see decision 0013.
    /// </summary>
    public int RecoveryIntervalSeconds { get; set; } = 1;

    /// <summary>How old a pending return must be before the worker settles it.</summary>
    public int RecoveryMinimumAgeSeconds { get; set; } = 10;

    /// <summary>How many days after a redemption its goods may be returned.</summary>
    public int ReturnDays { get; set; } = 7;

    /// <summary>The deadline of each call to Scoring.</summary>
    public int ScoringTimeoutSeconds { get; set; } = 5;

    /// <summary>Scoring's address in distributed mode (default http://127.0.0.1:5181); embedded, the host's own.</summary>
    public Uri? ScoringAddress { get; set; }

    public IEnumerable<string> Problems()
    {
        if (RecoveryIntervalSeconds < 1) yield return $"{Section}:RecoveryIntervalSeconds is {RecoveryIntervalSeconds}; it must be 1 or more.";
        if (RecoveryMinimumAgeSeconds < 0) yield return $"{Section}:RecoveryMinimumAgeSeconds is {RecoveryMinimumAgeSeconds}; it must be 0 or more.";
        if (ReturnDays < 0) yield return $"{Section}:ReturnDays is {ReturnDays}; it must be 0 or more.";
        if (ScoringTimeoutSeconds < 1) yield return $"{Section}:ScoringTimeoutSeconds is {ScoringTimeoutSeconds}; it must be 1 or more.";
        if (ScoringAddress is { } address && address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"{Section}:ScoringAddress is '{address}'; it must be an http:// or https:// address.";
        }
    }
}
