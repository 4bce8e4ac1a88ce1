using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Faults;

public static class FailPointExtensions
{
    /// <summary>The fail-point switchboard, its settings checked at start.</summary>
    public static IServiceCollection AddFailPoints(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FailPointSettings>, FailPointsValidator>());
        services.AddOptions<FailPointSettings>()
            .Configure<IConfiguration>((settings, configuration) =>
            {
                foreach (var point in configuration.GetSection(FailPointSettings.Section).GetChildren())
                {
                    settings.Actions[point.Key] = point.Value ?? string.Empty;
                }
            })
            .ValidateOnStart();
        services.TryAddSingleton<FailPoints>();
        return services;
    }

    /// <summary>Declares a fail point of this service, so settings may name it.</summary>
    public static IServiceCollection AddFailPoint(this IServiceCollection services, string name, string description) =>
        services.AddSingleton(new FailPoint(name, description));
}
