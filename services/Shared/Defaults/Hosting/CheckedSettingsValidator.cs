using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>Runs a section's own checks for the options pattern's start-up validation.</summary>
internal sealed class CheckedSettingsValidator<T> : IValidateOptions<T> where T : class, ICheckedSettings
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
