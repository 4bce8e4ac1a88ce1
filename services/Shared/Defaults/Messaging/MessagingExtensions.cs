using Grpc.AspNetCore.HealthChecks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Hosting;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// One MassTransit bus per process: RabbitMQ with quorum queues and publisher confirms in
    /// distributed mode, the in-memory transport in embedded mode. Each service contributes its
    /// consumers through <paramref name="registrations"/>, so the embedded host can put all
    /// three services on one bus.
    /// </summary>
    public static IServiceCollection AddPlatformBus(
        this IServiceCollection services, PlatformOptions options,
        params Action<IBusRegistrationConfigurator, PlatformOptions>[] registrations)
    {
        services.AddMassTransit(x =>
        {
            foreach (var register in registrations)
            {
                register(x, options);
            }

            x.ConfigureHealthCheckOptions(h => h.Tags.Add(HealthTags.Infrastructure));
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    if (options.QueuePrefix.Length == 0)
                    {
                        // Declared the same way everywhere: a queue's type cannot change later.
                        rabbit.SetQuorumQueue();
                    }
                    else
                    {
                        rabbit.AutoDelete = true;
                    }
                }

                // Transient failures are retried; what still fails goes to the _error queue.
                endpoint.UseMessageRetry(r => r.Exponential(
                    5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300)));
            });

            if (options.Mode == PlatformMode.Embedded)
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
            else
            {
                var broker = RabbitMqAddress.Parse(options.RabbitMq!);
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                    {
                        h.Username(broker.Username);
                        h.Password(broker.Password);
                        h.PublisherConfirmation = true;
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(30);
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return services;
    }

    /// <summary>
    /// Runs the outbox relay of a service database in the background, and reports the service's
    /// messaging to the gRPC health service as "<paramref name="service"/>.messaging".
    /// </summary>
    public static IServiceCollection AddOutboxRelay<TDb>(this IServiceCollection services, string service)
        where TDb : DbContext, IOutboxDbContext
    {
        services.AddOptions<MessagingOptions>()
            .Configure<IConfiguration>(MessagingOptions.Bind)
            .ValidateOnStart();
        services.AddSingleton<OutboxRelay<TDb>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TDb>>());

        var name = HealthTags.Messaging(service);
        services.AddSingleton<MessagingHealthCheck<TDb>>();
        services.AddHealthChecks().AddCheck<MessagingHealthCheck<TDb>>(name, tags: [name]);
        services.Configure<GrpcHealthChecksOptions>(o => o.Services.Map(name, r => r.Tags.Contains(name)));
        return services;
    }
}
