using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Hosting;

public static class SettingsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from a configuration section as options, checked when the
    /// host starts: a value that does not parse or that the section's own checks refuse stops the
    /// start with a message naming the setting.
    /// </summary>
    public static OptionsBuilder<T> AddCheckedSettings<T>(this IServiceCollection services, string section)
        where T : class, ICheckedSettings
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, CheckedSettingsValidator<T>>());
        return services.AddOptions<T>()
            .Configure<IConfiguration>((settings, configuration) => SettingsBinder.Bind(configuration, section, settings))
            .ValidateOnStart();
    }
}
