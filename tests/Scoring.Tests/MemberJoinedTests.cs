using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>A household joining a cooperative becomes a proposal the panel decides on, once.</summary>
public sealed class MemberJoinedTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Joining_a_cooperative_becomes_one_proposal_that_waits_for_the_panel()
    {
        var bus = host.App.Services.GetRequiredService<IBus>();
        var joined = new MemberJoinedCooperative(Guid.NewGuid(), host.Clock.GetUtcNow(), "COOP-7", ScoringHost.Village, "004", 17, new DateOnly(2026, 11, 9));
        var list = new ListProposalsRequest { VillageCode = ScoringHost.Village };

        await bus.Publish(joined);
        await Poller.UntilAsync(async () => (await host.Awards.ListProposalsAsync(list)).Proposals.Count == 1, "the event becomes a proposal");
        await bus.Publish(joined);
        await bus.Publish(joined with { EventId = Guid.NewGuid(), HouseholdNumber = "999" });
        // A later event for another household shows the duplicates above have been through.
        await bus.Publish(joined with { EventId = Guid.NewGuid(), HouseholdNumber = "005", MemberId = 18 });
        await Poller.UntilAsync(async () => (await host.Awards.ListProposalsAsync(list)).Proposals.Any(p => p.HouseholdNumber == "005"),
            "the later event is handled");

        var proposal = (await host.Awards.ListProposalsAsync(list)).Proposals.Single(p => p.HouseholdNumber == "004");
        Assert.Equal(2, (await host.Awards.ListProposalsAsync(list)).Proposals.Count);
        Assert.Equal(("004", "INCOME-ENTERPRISE", ProposalStatus.Proposed, "cooperative-registry"),
            (proposal.HouseholdNumber, proposal.RuleCode, proposal.Status, proposal.ProposedBy));
        Assert.Contains("COOP-7", proposal.EvidenceRef);
        host.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Balance_);
    }
}
