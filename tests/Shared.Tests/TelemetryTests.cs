using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Hosting;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class TelemetryTests
{
    private static WebApplication Build(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformDefaults("telemetry-test");
        return builder.Build();
    }

    [Fact]
    public async Task Traces_and_metrics_are_exported_when_an_otlp_endpoint_is_configured()
    {
        await using var app = Build("--Platform:Otlp:Endpoint=http://127.0.0.1:4317");

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Without_an_endpoint_no_telemetry_is_collected()
    {
        await using var app = Build();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task The_clock_is_an_injected_time_provider()
    {
        await using var app = Build();

        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }
}
