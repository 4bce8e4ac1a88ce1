namespace Platform.Host;

/// <summary>
/// The host's settings as a command reads them without starting the host: the appsettings.json
/// beside the program, the environment, then the command's --Section:Key=Value words.
/// </summary>
internal static class HostConfiguration
{
    public static IConfigurationRoot From(string[] settings) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
}
