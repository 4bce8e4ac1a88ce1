namespace Platform.ScoringTests;

/// <summary>
/// Invented resident ID card numbers with a right check character (GB 11643, ISO 7064 MOD 11-2),
/// worked out here independently of the service.
/// </summary>
public static class IdNumbers
{
    /// <summary>Place 410522 (an invented sample), the birth date, a sequence of three digits and the check character.</summary>
    public static string Of(string bornOn, int sequence)
    {
        var body = $"410522{bornOn.Replace("-", string.Empty, StringComparison.Ordinal)}{sequence:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public static string Masked(string number) => number[..6] + "********" + number[14..];

    /// <summary>The same number with its check character replaced by another one.</summary>
    public static string WithWrongCheck(string number) => number[..17] + (number[17] == '1' ? '2' : '1');
}
