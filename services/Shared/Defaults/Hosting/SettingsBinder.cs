using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// Binds a configuration section onto a settings object, first checking every simple value, so
/// a wrong one stops the start with a message naming the setting, its value and what it takes
/// (the configuration binder's own message names neither the choices nor the format).
/// </summary>
internal static class SettingsBinder
{
    public static T Bind<T>(IConfiguration configuration, string section, T target) where T : class
    {
        var values = configuration.GetSection(section);
        var problems = new List<string>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var text = values[property.Name];
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!string.IsNullOrEmpty(text) && Expected(type) is { } expected && !Converts(text, type))
            {
                problems.Add($"{section}:{property.Name} is '{text}'; it must be {expected}.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        values.Bind(target);
        return target;
    }

    private static string? Expected(Type type) =>
        type == typeof(bool) ? "true or false"
        : type.IsEnum ? string.Join(" or ", Enum.GetNames(type))
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(Uri) ? "an absolute address such as http://127.0.0.1:5181"
        : null;

    private static bool Converts(string text, Type type) =>
        type == typeof(bool) ? bool.TryParse(text, out _)
        : type.IsEnum ? Enum.TryParse(type, text, ignoreCase: true, out var value) && Enum.IsDefined(type, value!)
            && !char.IsAsciiDigit(text.TrimStart('-')[0])
        : type == typeof(int) ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
        : type == typeof(long) ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
        : type != typeof(Uri) || Uri.TryCreate(text, UriKind.Absolute, out _);
}
