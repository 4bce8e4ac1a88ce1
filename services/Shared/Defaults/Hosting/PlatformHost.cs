using Microsoft.AspNetCore.Builder;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// The builder every host starts from. Its content root is the folder of the built program, not
/// the working directory, so `dotnet path/to/Platform.Host.dll` started from anywhere reads the
/// appsettings.json beside it.
/// </summary>
public static class PlatformHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
}
