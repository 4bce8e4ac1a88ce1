using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events;
using Platform.Contracts.Redemption.V1;
using Platform.Redemption.Data;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>The counter's copy of a household kept by HouseholdChanged events (issue 18).</summary>
public sealed class HouseholdCopyTests : IAsyncLifetime
{
    private CounterHost host = null!;

    private ScoringApi.Households.HouseholdsClient Households => new(host.App.Channel);

    public async Task InitializeAsync()
    {
        host = await CounterHost.StartAsync();
        await Households.RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "register-101", VillageCode = CounterHost.Village, Actor = "clerk Zhou Hong",
            Households =
            {
                new ScoringApi.NewHousehold
                {
                    HouseholdNumber = "101", HeadName = "钱国强", CardNumber = "Q-101",
                    Members =
                    {
                        new ScoringApi.NewMember { Name = "钱国强", Relation = ScoringApi.MemberRelation.Head, BornOn = "1985-06-01" },
                        // She turns 70 two days after the village's today on the host's clock.
                        new ScoringApi.NewMember { Name = "孙玉梅", Relation = ScoringApi.MemberRelation.Parent, BornOn = TurnsSeventyInTwoDays() },
                    },
                },
            },
        });
        await Poller.UntilAsync(async () => await FindAsync("Q-101") is not null, "the counter's copy of 101 arrives");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Over_70_at_the_counter_is_worked_out_on_the_day_from_the_birth_dates_the_events_carry()
    {
        Assert.False((await LookupAsync("101")).HasMemberOver70);

        host.Clock.Advance(TimeSpan.FromDays(2));

        Assert.True((await LookupAsync("101")).HasMemberOver70);
    }

    [Fact]
    public async Task An_older_event_arriving_late_does_not_overwrite_a_newer_copy()
    {
        await Households.RecordPovertyStatusAsync(new ScoringApi.RecordPovertyStatusRequest
        {
            IdempotencyKey = host.Key(), Household = new ScoringApi.HouseholdRef { VillageCode = CounterHost.Village, HouseholdNumber = "101" },
            Status = ScoringApi.PovertyStatus.Monitored, Actor = "clerk Zhou Hong",
        });
        await Poller.UntilAsync(async () => (await LookupAsync("101")).Monitored, "the copy learns of the new status");

        var late = new HouseholdChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, CounterHost.Village, "101", 1, "late", "Someone Else", "Q-OLD", 9,
            "None", false, false, false, [], false, null);
        await host.App.Services.GetRequiredService<IBus>().Publish(late);
        await Poller.UntilAsync(async () =>
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RedemptionDb>().InboxMessages.AnyAsync(m => m.MessageId == late.EventId);
        }, "the late event is handled");

        var card = await LookupAsync("101");
        Assert.Equal(("钱国强", 2, true, "Q-101"), (card.HeadName, card.MemberCount, card.Monitored, card.CardNumber));
    }

    private string TurnsSeventyInTwoDays() =>
        DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(2).AddYears(-70)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HouseholdCard> LookupAsync(string number) =>
        await host.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = "C1", HouseholdNumber = number });

    private async Task<HouseholdSummary?> FindAsync(string query) =>
        (await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C1", Query = query })).Households.FirstOrDefault();
}
