using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Rules;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Awards;

/// <summary>
/// Joining a cooperative is evidence of an income-earning enterprise: where the village's
/// catalogue has that rule, the event becomes a proposal for the panel to decide. It is never
/// posted without the panel's approval and the public notice.
/// </summary>
internal sealed class MemberJoinedConsumer(ScoringDb db, TimeProvider time, ILogger<MemberJoinedConsumer> logger)
    : IConsumer<MemberJoinedCooperative>
{
    public const string RuleCode = "INCOME-ENTERPRISE";
    public const string Proposer = "cooperative-registry";

    public async Task Consume(ConsumeContext<MemberJoinedCooperative> context)
    {
        var evt = context.Message;
        await db.HandleOnceAsync(evt.EventId, nameof(MemberJoinedConsumer), async ct =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var household = await db.Households.AsNoTracking()
                .FirstOrDefaultAsync(h => h.VillageCode == evt.VillageCode && h.Number == evt.HouseholdNumber, ct);
            var versions = await db.Rules.AsNoTracking().Where(r => r.VillageCode == evt.VillageCode && r.Code == RuleCode).ToListAsync(ct);
            var rule = RuleCatalogue.Pick(versions, now);
            if (household is null || household.Status != Households.HouseholdStatus.Active || rule is null)
            {
                // A member from outside the villages Scoring keeps, or a village without the rule.
                logger.LogInformation("Member {Household} of {Village} joined {Cooperative}: no proposal (household or rule {Rule} not here)",
                    evt.HouseholdNumber, evt.VillageCode, evt.CooperativeCode, RuleCode);
                return;
            }

            var period = Ledger.Period.Of(now);
            var caps = await CapCounter.LoadAsync(db, evt.VillageCode, rule.CapCount > 0 ? [rule.Code] : [], period, ct);
            if (caps.TryUse(rule, household.Id, household.Number, period) is { } capped)
            {
                logger.LogInformation("Member joined {Cooperative}: no proposal, {Reason}", evt.CooperativeCode, capped);
                return;
            }

            db.Proposals.Add(new Proposal
            {
                VillageCode = evt.VillageCode,
                HouseholdId = household.Id,
                RuleCode = rule.Code,
                RuleVersion = rule.Version,
                Points = rule.Points,
                Note = $"Joined cooperative {evt.CooperativeCode} on {evt.JoinedOn:yyyy-MM-dd}",
                EvidenceRef = $"cooperative {evt.CooperativeCode}, member {evt.MemberId}",
                ProposedBy = Proposer,
                ProposedAt = now,
                Period = period,
                Status = ProposalStatus.Proposed,
                RequestId = $"member-joined-{evt.EventId:N}",
            });
        }, time, context.CancellationToken);
    }
}
