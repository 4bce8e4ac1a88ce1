using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.Scoring.Panels;
using Platform.Scoring.Rules;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Awards;

/// <summary>
/// A single proposal's way: proposed by a panel member, approved by a quorum (never by a member
/// for his or her own household), on public notice, objected to (back to the panel) or posted.
/// Each method runs inside the caller's transaction.
/// </summary>
internal sealed class AwardsWorkflow(ScoringDb db, Lookups lookups, RuleCatalogue rules, TimeProvider time)
{
    public async Task<Proposal> ProposeAsync(Api.ProposeRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var household = await lookups.HouseholdAsync(request.VillageCode, request.HouseholdNumber, ct);
        var proposer = await PanelGate.MemberAsync(db, household.VillageCode, request.ProposedBy, "proposed_by", ct);
        var rule = await rules.InForceAsync(household.VillageCode, request.RuleCode, now, ct);
        var period = ProposalInput.PeriodNotAfter(request.Period, now);
        var note = Lookups.Note(request.Note, "note");
        var evidence = ProposalInput.Evidence(rule, request.EvidenceRef, "evidence_ref");
        var caps = await CapCounter.LoadAsync(db, household.VillageCode, rule.CapCount > 0 ? [rule.Code] : [], period, ct);
        caps.Require(rule, household.Id, household.Number, period);

        var proposal = new Proposal
        {
            VillageCode = household.VillageCode,
            HouseholdId = household.Id,
            RuleCode = rule.Code,
            RuleVersion = rule.Version,
            Points = rule.Points,
            Note = note.Length > 0 ? note : rule.Name,
            EvidenceRef = evidence,
            ProposedBy = proposer.MemberId,
            ProposedAt = now,
            Period = period,
            Status = ProposalStatus.Proposed,
            RequestId = request.IdempotencyKey,
        };
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return proposal;
    }

    public async Task ApproveAsync(long proposalId, string? memberId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Lock the proposal first, so concurrent approvals are counted one after the other.
        if (await db.Proposals.Where(p => p.Id == proposalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, p => p.Status), ct) == 0)
        {
            throw DomainException.NotFound("PROPOSAL_NOT_FOUND", $"There is no proposal {proposalId}.");
        }

        var proposal = await db.Proposals.FirstAsync(p => p.Id == proposalId, ct);
        var member = await PanelGate.MemberAsync(db, proposal.VillageCode, memberId, "member_id", ct);
        var householdNumber = await db.Households.Where(h => h.Id == proposal.HouseholdId).Select(h => h.Number).FirstAsync(ct);
        await Recusal.RequireAsync(db, member, proposal.HouseholdId, householdNumber, ct);
        var village = await db.Villages.AsNoTracking().FirstAsync(v => v.Code == proposal.VillageCode, ct);
        var rules = await PanelGate.CompositionAsync(db, village, ct);
        var already = await db.ProposalApprovals.AnyAsync(a => a.ProposalId == proposalId && a.MemberId == member.MemberId, ct);
        if (proposal.Status is not (ProposalStatus.Proposed or ProposalStatus.Returned))
        {
            if (already)
            {
                return;
            }

            var where = proposal.Status == ProposalStatus.OnNotice ? "approved already (on notice or posted)" : proposal.Status.ToString();
            throw DomainException.Precondition("NOT_AWAITING_APPROVAL",
                $"Proposal {proposalId} is {where} and does not wait for approvals.");
        }

        if (!already)
        {
            PanelGate.RequireNotProposer(rules, member, proposal.ProposedBy, "proposal");
            db.ProposalApprovals.Add(new ProposalApproval { ProposalId = proposalId, MemberId = member.MemberId, At = now });
            await db.SaveChangesAsync(ct);
        }

        var needed = await PanelGate.QuorumAsync(db, village.Code, village.Quorum, ct);
        var approvers = await PanelGate.ApproverRolesAsync(db, village.Code, proposalId, ct);
        if (rules.Lacking(needed, approvers.ToList()).Count == 0)
        {
            proposal.Status = ProposalStatus.OnNotice;
            proposal.NoticeEndsAt = now.AddDays(village.NoticeDays);
            db.NoticeBoard.Add(new NoticeBoardEntry { ProposalId = proposal.Id, VillageCode = proposal.VillageCode, NoticeEndsAt = proposal.NoticeEndsAt.Value });
            await db.SaveChangesAsync(ct);
        }
    }

    public Task ObjectAsync(long proposalId, string? by, string? reason, CancellationToken ct) =>
        LodgeAsync(proposalId, Input.Text(by, "by", "name or household number of the person objecting"), null, reason, ct);

    /// <summary>
    /// A household objects in its own name, to a proposal of its own village only. Its objection
    /// stays open until the panel approves the proposal again; meanwhile a second one is refused.
    /// </summary>
    public async Task<DateTime> ObjectAsHouseholdAsync(Household household, long proposalId, string? reason, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || proposal.VillageCode != household.VillageCode)
        {
            throw DomainException.NotFound("PROPOSAL_NOT_FOUND", $"There is no proposal {proposalId} in village {household.VillageCode}.");
        }

        var latest = await db.ProposalObjections.AsNoTracking().Where(o => o.ProposalId == proposalId)
            .OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        if (proposal.Status == ProposalStatus.Returned && latest?.HouseholdId == household.Id)
        {
            throw DomainException.AlreadyExists("OBJECTION_ALREADY_OPEN",
                $"Household {household.Number} objected to proposal {proposalId} on {latest.At:yyyy-MM-dd HH:mm} UTC; the panel has it and has not approved it again yet.",
                ("household_number", household.Number));
        }

        var now = time.GetUtcNow().UtcDateTime;
        await LodgeAsync(proposalId, $"household {household.Number}", household.Id, reason, ct);
        return now;
    }

    private async Task LodgeAsync(long proposalId, string who, long? householdId, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var why = Input.Text(reason, "reason", "reason for the objection", 500);
        // Taking it off the board is the claim: the posting job takes only rows whose window closed.
        var returned = await db.NoticeBoard.Where(n => n.ProposalId == proposalId && n.NoticeEndsAt > now).ExecuteDeleteAsync(ct);
        if (returned == 0)
        {
            var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct)
                ?? throw DomainException.NotFound("PROPOSAL_NOT_FOUND", $"There is no proposal {proposalId}.");
            throw proposal.Status == ProposalStatus.OnNotice
                ? DomainException.Precondition("NOTICE_WINDOW_CLOSED",
                    $"The public notice of proposal {proposalId} closed{(proposal.NoticeEndsAt is { } end ? $" at {end:yyyy-MM-dd HH:mm} UTC" : string.Empty)}; objections are no longer taken. Ask the panel to reverse the entry instead.")
                : DomainException.Precondition("NOT_ON_NOTICE",
                    $"Proposal {proposalId} is {proposal.Status}, not on the public notice; there is nothing to object to yet.");
        }

        await db.Proposals.Where(p => p.Id == proposalId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Returned).SetProperty(p => p.NoticeEndsAt, (DateTime?)null), ct);

        // Back with the panel: it must approve again, in full.
        await db.ProposalApprovals.Where(a => a.ProposalId == proposalId).ExecuteDeleteAsync(ct);
        db.ProposalObjections.Add(new ProposalObjection { ProposalId = proposalId, By = who, Reason = why, At = now, HouseholdId = householdId });
        await db.SaveChangesAsync(ct);
    }

    public async Task WithdrawAsync(long proposalId, string? memberId, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct)
            ?? throw DomainException.NotFound("PROPOSAL_NOT_FOUND", $"There is no proposal {proposalId}.");
        await PanelGate.MemberAsync(db, proposal.VillageCode, memberId, "member_id", ct);
        // On notice: off the board first, which is the claim against the posting job.
        var offBoard = await db.NoticeBoard.Where(n => n.ProposalId == proposalId).ExecuteDeleteAsync(ct) > 0;
        var withdrawn = await db.Proposals
            .Where(p => p.Id == proposalId && (p.Status == ProposalStatus.Proposed || p.Status == ProposalStatus.Returned
                || (p.Status == ProposalStatus.OnNotice && offBoard)))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Withdrawn).SetProperty(p => p.NoticeEndsAt, (DateTime?)null), ct);
        if (withdrawn == 0 && proposal.Status != ProposalStatus.Withdrawn)
        {
            throw DomainException.Precondition("ALREADY_POSTED",
                $"Proposal {proposalId} was posted to the ledger; reverse its entry instead.");
        }
    }
}
