using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.Scoring.Panels;
using Platform.Scoring.Rules;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Awards;

/// <summary>
/// The monthly scoring sheet: a village's month submitted in one call (validated as a whole)
/// and approved as one sheet with set-based statements, never row by row.
/// </summary>
internal sealed class SheetWorkflow(ScoringDb db, Lookups lookups, TimeProvider time)
{
    public const int MaxLines = 20_000;

    public async Task<Sheet> SubmitAsync(Api.SubmitSheetRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        var submitter = await PanelGate.MemberAsync(db, village.Code, request.SubmittedBy, "submitted_by", ct);
        var period = ProposalInput.PeriodNotAfter(request.Period, now);
        if (request.Lines.Count is 0 or > MaxLines)
        {
            throw DomainException.Invalid("LINES_COUNT_INVALID", $"A sheet has 1 to {MaxLines} lines; {request.Lines.Count} were given.",
                "lines");
        }

        var households = await db.Households.AsNoTracking().Where(h => h.VillageCode == village.Code)
            .ToDictionaryAsync(h => h.Number, ct);
        var rules = (await db.Rules.AsNoTracking().Where(r => r.VillageCode == village.Code).ToListAsync(ct))
            .GroupBy(r => r.Code).Select(g => RuleCatalogue.Pick(g, now)).OfType<Rule>().ToDictionary(r => r.Code);
        var caps = await CapCounter.LoadAsync(db, village.Code, rules.Values.Where(r => r.CapCount > 0).Select(r => r.Code).ToList(), period, ct);

        var violations = new List<FieldViolation>();
        var proposals = new List<Proposal>(request.Lines.Count);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var field = $"lines[{i}]";
            var number = line.HouseholdNumber?.Trim() ?? string.Empty;
            if (!households.TryGetValue(number, out var household) || household.Status != Households.HouseholdStatus.Active)
            {
                violations.Add(new FieldViolation($"{field}.household_number", $"line {i + 1}: no active household {number} in village {village.Code}."));
                continue;
            }

            if (!rules.TryGetValue(line.RuleCode?.Trim() ?? string.Empty, out var rule))
            {
                violations.Add(new FieldViolation($"{field}.rule_code", $"line {i + 1}: no rule {line.RuleCode} in force in village {village.Code}."));
                continue;
            }

            string? evidence;
            string note;
            try
            {
                evidence = ProposalInput.Evidence(rule, line.EvidenceRef, $"{field}.evidence_ref");
                note = Lookups.Note(line.Note, "note");
            }
            catch (DomainException ex)
            {
                violations.Add(new FieldViolation(field, $"line {i + 1}: {ex.Message}"));
                continue;
            }

            if (caps.TryUse(rule, household.Id, number, period) is { } capProblem)
            {
                violations.Add(new FieldViolation($"{field}.rule_code", $"line {i + 1}: {capProblem}"));
                continue;
            }

            proposals.Add(new Proposal
            {
                VillageCode = village.Code, HouseholdId = household.Id, RuleCode = rule.Code, RuleVersion = rule.Version,
                Points = rule.Points, Note = note.Length > 0 ? note : rule.Name, EvidenceRef = evidence,
                ProposedBy = submitter.MemberId, ProposedAt = now, Period = period, Status = ProposalStatus.Proposed,
                RequestId = request.IdempotencyKey,
            });
        }

        if (violations.Count > 0)
        {
            throw DomainException.InvalidRows("SHEET_INVALID",
                $"{violations.Count} line(s) of the sheet cannot be accepted; nothing was submitted. {string.Join(" ", violations.Take(5).Select(v => v.Description))}",
                "lines", violations);
        }

        var sheet = new Sheet
        {
            VillageCode = village.Code, Period = period, SubmittedBy = submitter.MemberId, SubmittedAt = now, LineCount = proposals.Count,
        };
        db.Sheets.Add(sheet);
        await db.SaveChangesAsync(ct);
        foreach (var proposal in proposals)
        {
            proposal.SheetId = sheet.Id;
        }

        db.Proposals.AddRange(proposals);
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    /// <summary>
    /// One member approves every line of the sheet that is not for a household he or she stands
    /// aside for (<see cref="Recusal"/>); lines that meet the quorum and the panel's rules
    /// (<see cref="PanelComposition"/>) go on the public notice.
    /// </summary>
    public async Task<Sheet> ApproveAsync(long sheetId, string? memberId, CancellationToken ct)
    {
        var sheet = await FindAsync(sheetId, ct);
        var member = await PanelGate.MemberAsync(db, sheet.VillageCode, memberId, "member_id", ct);
        var village = await db.Villages.AsNoTracking().FirstAsync(v => v.Code == sheet.VillageCode, ct);
        var quorum = await PanelGate.QuorumAsync(db, village.Code, village.Quorum, ct);
        var rules = await PanelGate.CompositionAsync(db, village, ct);
        PanelGate.RequireNotProposer(rules, member, sheet.SubmittedBy, "sheet");
        var recused = await Recusal.HouseholdIdsAsync(db, member, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var noticeEnds = now.AddDays(village.NoticeDays);
        var mid = member.MemberId;
        var waiting = $"{(int)ProposalStatus.Proposed}, {(int)ProposalStatus.Returned}";

        // Only numbers from the database are written into the text; the rest are parameters.
        var notRecused = recused.Count == 0 ? string.Empty : $" AND p.household_id NOT IN ({string.Join(", ", recused)})";
        var approve = "INSERT INTO proposal_approvals (proposal_id, member_id, at) SELECT p.id, {0}, {1} FROM proposals p " +
            $"WHERE p.sheet_id = {{2}} AND p.status IN ({waiting}){notRecused} " +
            "AND NOT EXISTS (SELECT 1 FROM proposal_approvals a WHERE a.proposal_id = p.id AND a.member_id = {0})";
        await db.Database.ExecuteSqlRawAsync(approve, [mid, now, sheetId], ct);
        var roleMinimums = string.Concat(rules.Minimums().Select(m =>
            " AND (SELECT COUNT(*) FROM proposal_approvals a JOIN panel_members m ON m.village_code = proposals.village_code AND m.member_id = a.member_id " +
            $"WHERE a.proposal_id = proposals.id AND m.role = {(int)m.Role}) >= {m.Approvals}"));
        var toNotice = $"UPDATE proposals SET status = {(int)ProposalStatus.OnNotice}, notice_ends_at = {{0}} " +
            $"WHERE sheet_id = {{1}} AND status IN ({waiting}) " +
            $"AND (SELECT COUNT(*) FROM proposal_approvals a WHERE a.proposal_id = proposals.id) >= {quorum}{roleMinimums}";
        await db.Database.ExecuteSqlRawAsync(toNotice, [noticeEnds, sheetId], ct);
        // What went on notice just now (this call's notice end) goes on the board, once.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notice_board (proposal_id, village_code, notice_ends_at)
            SELECT p.id, p.village_code, p.notice_ends_at FROM proposals p
            WHERE p.sheet_id = {sheetId} AND p.status = {(int)ProposalStatus.OnNotice} AND p.notice_ends_at = {noticeEnds}
              AND NOT EXISTS (SELECT 1 FROM notice_board n WHERE n.proposal_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.proposal_id = p.id)
            """, ct);
        if (!await db.SheetApprovals.AnyAsync(a => a.SheetId == sheetId && a.MemberId == mid, ct))
        {
            db.SheetApprovals.Add(new SheetApproval { SheetId = sheetId, MemberId = mid, At = now });
            await db.SaveChangesAsync(ct);
        }

        return sheet;
    }

    public async Task<Sheet> FindAsync(long sheetId, CancellationToken ct)
    {
        if (sheetId <= 0)
        {
            throw DomainException.Invalid("SHEET_ID_INVALID", "A sheet id is a positive number.",
                "sheet_id");
        }

        return await db.Sheets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sheetId, ct)
            ?? throw DomainException.NotFound("SHEET_NOT_FOUND", $"There is no scoring sheet {sheetId}.");
    }

    public async Task<Api.Sheet> ViewAsync(Sheet sheet, CancellationToken ct)
    {
        var rows = await db.Proposals.AsNoTracking().Where(p => p.SheetId == sheet.Id)
            .GroupBy(p => new { p.Status, OnBoard = db.NoticeBoard.Any(n => n.ProposalId == p.Id) })
            .Select(g => new { g.Key.Status, g.Key.OnBoard, Count = g.Count(), Points = g.Sum(p => p.Points) })
            .ToListAsync(ct);
        var byStatus = rows.Select(r => new
        {
            Status = r.Status == ProposalStatus.OnNotice && !r.OnBoard ? ProposalStatus.Posted : r.Status,
            r.Count,
            r.Points,
        }).ToList();
        int Count(ProposalStatus s) => byStatus.Where(x => x.Status == s).Sum(x => x.Count);
        var approvers = await db.SheetApprovals.AsNoTracking().Where(a => a.SheetId == sheet.Id)
            .OrderBy(a => a.At).Select(a => a.MemberId).ToListAsync(ct);
        return new Api.Sheet
        {
            Id = sheet.Id,
            VillageCode = sheet.VillageCode,
            Period = sheet.Period,
            SubmittedBy = sheet.SubmittedBy,
            LineCount = sheet.LineCount,
            Proposed = Count(ProposalStatus.Proposed),
            OnNotice = Count(ProposalStatus.OnNotice),
            Returned = Count(ProposalStatus.Returned),
            Posted = Count(ProposalStatus.Posted),
            PointsTotal = byStatus.Where(x => x.Status != ProposalStatus.Withdrawn).Sum(x => x.Points),
            ApprovedBy = { approvers },
        };
    }
}
