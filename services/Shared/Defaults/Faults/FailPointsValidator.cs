using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Faults;

/// <summary>A fail point named in the settings must exist here and its action be crash or off, so a typo stops the start.</summary>
internal sealed class FailPointsValidator(IEnumerable<FailPoint> known) : IValidateOptions<FailPointSettings>
{
    public ValidateOptionsResult Validate(string? name, FailPointSettings options)
    {
        var names = known.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var (point, action) in options.Actions)
        {
            if (!names.Contains(point))
            {
                problems.Add($"{FailPointSettings.Section}:{point} names no fail point of this process; "
                    + (names.Count == 0 ? "it has none." : $"it has {string.Join(", ", names.Order(StringComparer.Ordinal))}.")
                    + " See docs/fail-points.md.");
            }

            if (!string.Equals(action, FailPointSettings.Crash, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(action, FailPointSettings.Off, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{FailPointSettings.Section}:{point} is '{action}'; it must be {FailPointSettings.Crash} or {FailPointSettings.Off}.");
            }
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
