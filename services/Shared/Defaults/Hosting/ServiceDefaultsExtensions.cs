using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Faults;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Reading;
using Platform.ServiceDefaults.Security;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>
    /// What every host shares: options, console logging, telemetry, the clock, gRPC with
    /// domain-error mapping, reflection and health, and Redis in distributed mode.
    /// </summary>
    public static PlatformOptions AddPlatformDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var options = PlatformOptions.From(builder.Configuration);
        options.RequireDistributedSettings();
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);

        // gRPC over plaintext needs HTTP/2 on every endpoint; set here so no settings file can lose it.
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));

        builder.AddPlatformLogging(options);
        builder.AddPlatformTelemetry(serviceName);

        builder.Services.AddGrpc(o =>
        {
            // Outermost first: errors are mapped for everything inside, access is checked before the service.
            o.Interceptors.Add<DomainErrorInterceptor>();
            o.Interceptors.Add<AuditInterceptor>();
            o.Interceptors.Add<AccessInterceptor>();
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
        });
        builder.Services.AddReadableRequests();
        builder.Services.AddPlatformSecurity(builder.Configuration, options, serviceName);
        builder.Services.AddFailPoints();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map("", _ => true));

        if (options.Mode == PlatformMode.Distributed)
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var config = ConfigurationOptions.Parse(options.Redis!);
                config.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(config);
            });
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Infrastructure]);
        }

        return options;
    }

    /// <summary>
    /// Makes the gRPC health service answer for a service by its short name ("scoring") and
    /// by each of its gRPC service names, from its own checks and the shared infrastructure.
    /// </summary>
    public static IServiceCollection AddServiceHealth(this IServiceCollection services, string service, params string[] grpcServices)
    {
        services.Configure<GrpcHealthChecksOptions>(o =>
        {
            bool Predicate(HealthCheckMapContext r) =>
                r.Tags.Contains(service) || r.Tags.Contains(HealthTags.Infrastructure);
            o.Services.Map(service, Predicate);
            foreach (var name in grpcServices)
            {
                o.Services.Map(name, Predicate);
            }
        });
        return services;
    }

    public static WebApplication MapPlatformDefaults(this WebApplication app)
    {
        // Load (or, on an embedded host's first start, create) the keys now: a bad key
        // setting stops the host at start rather than failing its first call.
        app.Services.GetRequiredService<SigningKeys>();
        app.Services.GetRequiredService<AccessPolicy>();
        app.UseUnreadableRequestAudit();
        // A call's SQLite writes go before background writers' (SqliteWriteGate).
        app.Use(static (context, next) =>
        {
            Data.SqliteWriteGate.MarkCall();
            return next(context);
        });
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    private static void AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        // Telemetry is collected only when it has somewhere to go: a village office PC without
        // a collector should not pay for instrumentation at start-up or at run time.
        var endpoint = builder.Configuration["Platform:Otlp:Endpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp))
        {
            throw new InvalidOperationException(
                $"Platform:Otlp:Endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) is '{endpoint}'; it must be an absolute address such as http://127.0.0.1:4317.");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddGrpcClientInstrumentation()
                .AddNpgsql()
                .AddSource("MassTransit")
                .AddOtlpExporter(o => o.Endpoint = otlp))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit")
                .AddOtlpExporter(o => o.Endpoint = otlp));
    }

    /// <summary>
    /// The platform's log format: one line per entry with the time on a PC (embedded), JSON for a
    /// log collector (distributed, or Logging:Console:FormatterName=json).
    /// </summary>
    public static void AddPlatformLogging(this WebApplicationBuilder builder, PlatformOptions options)
    {
        builder.Logging.ClearProviders();
        if (string.Equals(builder.Configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase)
            || (builder.Configuration["Logging:Console:FormatterName"] is null && options.Mode == PlatformMode.Distributed))
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
