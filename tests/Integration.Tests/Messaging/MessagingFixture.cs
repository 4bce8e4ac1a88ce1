using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;
using RabbitMQ.Client;
using Xunit;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// A database of its own on the real PostgreSQL and a bus on the real RabbitMQ, with the test
/// consumer on a queue of this run's own (deleted afterwards). The relays are not started in
/// the background: each test drives them.
/// </summary>
public sealed class MessagingFixture : IAsyncLifetime
{
    private string database = null!;
    private ServiceProvider provider = null!;

    public string Queue { get; } = $"it-notes-{Guid.NewGuid():N}";

    public IServiceProvider Services => provider;

    public Deliveries Deliveries => provider.GetRequiredService<Deliveries>();

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("outbox");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Deliveries>();
        services.AddSingleton<OutboxSignal<NotesDb>>();
        services.AddDbContext<NotesDb>(o => o.UseNpgsql(Servers.ConnectionString(database)));
        services.AddTransient<OutboxRelay<NotesDb>>();
        services.AddPlatformBus(
            new PlatformOptions { Mode = PlatformMode.Distributed, RabbitMq = Servers.RabbitMq },
            (bus, _) => bus.AddConsumer<NoteAddedConsumer>().Endpoint(e => e.Name = Queue));
        provider = services.BuildServiceProvider();

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotesDb>().Database.EnsureCreatedAsync();
        }

        await provider.GetRequiredService<IBusControl>().StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    public async Task DisposeAsync()
    {
        await provider.GetRequiredService<IBusControl>().StopAsync();
        await provider.DisposeAsync();
        await DeleteQueueAsync();
        await Servers.DropDatabaseAsync(database);
    }

    public async Task<T> InScopeAsync<T>(Func<NotesDb, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NotesDb>());
    }

    private async Task DeleteQueueAsync()
    {
        // Quorum queues outlive their consumers; a test run removes its own.
        var factory = new ConnectionFactory { Uri = new Uri(Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(Queue);
        await channel.QueueDeleteAsync(Queue + "_error");
        await channel.QueueDeleteAsync(Queue + "_skipped");
    }
}
