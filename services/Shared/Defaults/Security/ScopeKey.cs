namespace Platform.ServiceDefaults.Security;

/// <summary>
/// A key an access rule looks up (a hold, order, payout or counter id) before the service has
/// checked it. One the database cannot even take (a NUL, a lone surrogate, far too long) finds
/// nothing: the lookup answers "no scope" and the service refuses the value with InvalidArgument.
/// </summary>
public static class ScopeKey
{
    public const int MaxLength = 100;

    public static string? Clean(string? key)
    {
        var trimmed = (key ?? string.Empty).Trim();
        return trimmed.Length is 0 or > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsSurrogate(c)) ? null : trimmed;
    }
}
