using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Messaging;
using RabbitMQ.Client;
using Xunit;

namespace Platform.Integration.Tests.Messaging;

/// <summary>A publish the broker never completes, on the real PostgreSQL and RabbitMQ.</summary>
public sealed class RelayTimeoutTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Fact]
    public async Task A_publish_that_never_returns_times_out_and_leaves_its_row_unsent_and_due()
    {
        // The event's exchange already exists with another type: RabbitMQ refuses MassTransit's
        // declaration (PRECONDITION_FAILED) and MassTransit keeps retrying, so the publish never returns.
        var exchange = $"{typeof(NoteFlagged).Namespace}:{nameof(NoteFlagged)}";
        var factory = new ConnectionFactory { Uri = new Uri(Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: false, autoDelete: false);
        var evt = new NoteFlagged(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid());
        await fixture.InScopeAsync(async db =>
        {
            db.AddEvent(evt);
            return await db.SaveChangesAsync();
        });

        try
        {
            var relay = ActivatorUtilities.CreateInstance<OutboxRelay<NotesDb>>(fixture.Services,
                Options.Create(new MessagingOptions { PublishTimeout = TimeSpan.FromSeconds(2) }));
            var batch = relay.PublishBatchAsync(CancellationToken.None);
            var sent = await batch.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, sent);
            var row = await fixture.InScopeAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.EventId == evt.EventId));
            Assert.Null(row.SentAt);
            Assert.Equal(1, row.Attempts);
            Assert.Contains("did not confirm within 2 s", row.LastError);
            // Nothing reached the broker: an outage, not the row's fault, so the row stays due.
            Assert.Null(row.NextAttemptAt);
        }
        finally
        {
            await fixture.InScopeAsync(db => db.OutboxMessages.Where(m => m.EventId == evt.EventId).ExecuteDeleteAsync());
            await channel.ExchangeDeleteAsync(exchange);
        }
    }
}
