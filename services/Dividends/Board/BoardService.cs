using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Board;

/// <summary>
/// gRPC face of a cooperative's roster and assemblies, and of the approval signed by rostered
/// people. Who signs is the token's subject (the access table's ActingAs on signer), never a name
/// typed by the accountant.
/// </summary>
internal sealed class BoardService(DividendsDb db, IdempotentWrites<DividendsDb> writes, TimeProvider time) : Api.Board.BoardBase
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public override Task<Api.BoardMember> AddBoardMember(Api.AddBoardMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(AddBoardMember), request, ct => AddAsync(request, ct), context.CancellationToken);

    public override Task<Api.BoardMember> EndBoardTerm(Api.EndBoardTermRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(EndBoardTerm), request, ct => EndTermAsync(request, ct), context.CancellationToken);

    public override Task<Api.Assembly> RecordAssembly(Api.RecordAssemblyRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordAssembly), request, ct => RecordAssemblyAsync(request, ct), context.CancellationToken);

    public override Task<Api.Distribution> SignApproval(Api.SignApprovalRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SignApproval), request, ct => SignAsync(request, ct), context.CancellationToken);

    public override async Task<Api.BoardRoster> GetBoard(Api.GetBoardRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var roster = await db.Roster.AsNoTracking().Where(r => r.CooperativeCode == cooperative).ToListAsync(ct);
        var assemblies = await db.Assemblies.AsNoTracking().Where(a => a.CooperativeCode == cooperative).ToListAsync(ct);
        return new Api.BoardRoster
        {
            CooperativeCode = cooperative,
            Members = { roster.OrderBy(r => r.Body).ThenByDescending(r => r.TermFrom).ThenBy(r => r.Id).Select(BoardMapping.ToApi) },
            Assemblies = { assemblies.OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.Id).Select(BoardMapping.ToApi) },
        };
    }

    private async Task<Api.BoardMember> AddAsync(Api.AddBoardMemberRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var body = BoardMapping.Body(request.Body);
        var name = Input.Text(request.Name, "name", "person's name", 100);
        var subject = Input.Text(request.Subject, "subject", "sign-in name of the person's account", 100);
        var from = Dates.Required(request.TermFrom, "term_from", "first day of the term");
        var to = Dates.Optional(request.TermTo, "term_to", "last day of the term");
        if (to < from)
        {
            throw DomainException.Invalid("TERM_INVALID", "A term must end on or after the day it starts.", "term_to");
        }

        if (request.MemberId != 0)
        {
            await CooperativeRules.KnownMemberAsync(db, cooperative, request.MemberId, ct);
        }

        var entry = new RosterEntry
        {
            CooperativeCode = cooperative, Body = body, Name = name, Chair = request.Chair,
            MemberId = request.MemberId == 0 ? null : request.MemberId, Subject = subject, TermFrom = from, TermTo = to,
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        var sameBody = await db.Roster.AsNoTracking().Where(r => r.CooperativeCode == cooperative && r.Body == body).ToListAsync(ct);
        if (sameBody.FirstOrDefault(r => r.Subject == subject && Overlap(r, entry)) is { } twice)
        {
            throw DomainException.AlreadyExists("ALREADY_ON_ROSTER",
                $"'{Input.Quote(subject)}' already has a term on {ApprovalSigning.Describe(body)} from {Dates.Text(twice.TermFrom)} (roster entry {twice.Id}); end it first.",
                ("roster_id", twice.Id.ToString(CultureInfo.InvariantCulture)));
        }

        if (entry.Chair && sameBody.FirstOrDefault(r => r.Chair && Overlap(r, entry)) is { } chair)
        {
            throw DomainException.Precondition("CHAIR_TAKEN",
                $"{chair.Name} chairs {ApprovalSigning.Describe(body)} from {Dates.Text(chair.TermFrom)}; end that term before another chair's begins.",
                ("roster_id", chair.Id.ToString(CultureInfo.InvariantCulture)));
        }

        db.Roster.Add(entry);
        await db.SaveChangesAsync(ct);
        return BoardMapping.ToApi(entry);
    }

    private async Task<Api.BoardMember> EndTermAsync(Api.EndBoardTermRequest request, CancellationToken ct)
    {
        var to = Dates.Required(request.TermTo, "term_to", "last day of the term");
        var entry = await db.Roster.FirstOrDefaultAsync(r => r.Id == request.RosterId, ct)
            ?? throw DomainException.NotFound("ROSTER_ENTRY_NOT_FOUND", $"No roster entry {request.RosterId} exists.");
        if (to < entry.TermFrom || (entry.TermTo is { } end && to > end))
        {
            throw DomainException.Invalid("TERM_INVALID",
                $"The term of {entry.Name} runs from {Dates.Text(entry.TermFrom)} to {(entry.TermTo is null ? "further notice" : Dates.Text(entry.TermTo))}; it can end only within it.",
                "term_to");
        }

        entry.TermTo = to;
        await db.SaveChangesAsync(ct);
        return BoardMapping.ToApi(entry);
    }

    private async Task<Api.Assembly> RecordAssemblyAsync(Api.RecordAssemblyRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var meeting = new AssemblyMeeting
        {
            CooperativeCode = cooperative,
            Kind = BoardMapping.Kind(request.Kind),
            HeldOn = Dates.Required(request.HeldOn, "held_on", "day of the meeting"),
            ResolutionNumber = Input.Text(request.ResolutionNumber, "resolution_number", "resolution's number", 50),
            ResolutionText = Input.Text(request.ResolutionText, "resolution_text", "resolution's text", 2000),
            Attended = request.Attended,
            Entitled = request.Entitled,
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        if (meeting.Entitled <= 0 || meeting.Attended < 0 || meeting.Attended > meeting.Entitled)
        {
            throw DomainException.Invalid("ATTENDANCE_INVALID",
                "Give those entitled to attend (at least 1) and those present (0 to that number).", "attended");
        }

        db.Assemblies.Add(meeting);
        await db.SaveChangesAsync(ct);
        return BoardMapping.ToApi(meeting);
    }

    private async Task<Api.Distribution> SignAsync(Api.SignApprovalRequest request, CancellationToken ct)
    {
        var signer = Input.Text(request.Signer, "signer", "your sign-in name", 100);
        BoardBody? body = request.Body == Api.BoardBody.Unspecified ? null : BoardMapping.Body(request.Body);
        var d = await FindAsync(request.DistributionId, ct);
        var entries = await db.Roster.AsNoTracking().Where(r => r.CooperativeCode == d.CooperativeCode && r.Subject == signer).ToListAsync(ct);
        var now = time.GetUtcNow();
        var entry = ApprovalSigning.Choose(entries, body, DateOnly.FromDateTime(now.ToOffset(ChinaTime).DateTime), signer);
        var board = entry.Body == BoardBody.Board;
        var (mine, other) = board ? (d.BoardSignerSubject, d.SupervisorySignerSubject) : (d.SupervisorySignerSubject, d.BoardSignerSubject);
        if (mine == signer)
        {
            return await ToApiAsync(d, ct);
        }

        if (d.Status != DistributionStatus.Draft)
        {
            throw DomainException.Precondition("DISTRIBUTION_NOT_DRAFT", $"Distribution {d.Id} is already {d.Status.ToString().ToLowerInvariant()}.");
        }

        if (mine is not null)
        {
            throw DomainException.Precondition("ALREADY_SIGNED",
                $"{(board ? d.BoardApprover : d.SupervisoryApprover)} has already signed distribution {d.Id} for {ApprovalSigning.Describe(entry.Body)}; the other body's signature is what remains.");
        }

        ApprovalSigning.NotTheOtherSigner(signer, other);

        // Conditional: of two signatures for one body at once only one stands, and one person cannot
        // slip in for both bodies by signing twice at the same moment.
        var at = now.UtcDateTime;
        var signed = board
            ? await db.Distributions.Where(x => x.Id == d.Id && x.Status == DistributionStatus.Draft && x.BoardSignerId == null
                    && (x.SupervisorySignerSubject == null || x.SupervisorySignerSubject != signer))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.BoardSignerId, entry.Id).SetProperty(x => x.BoardSignerSubject, signer)
                    .SetProperty(x => x.BoardApprover, entry.Name).SetProperty(x => x.BoardSignedAt, at)
                    .SetProperty(x => x.Revision, x => x.Revision + 1), ct)
            : await db.Distributions.Where(x => x.Id == d.Id && x.Status == DistributionStatus.Draft && x.SupervisorySignerId == null
                    && (x.BoardSignerSubject == null || x.BoardSignerSubject != signer))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SupervisorySignerId, entry.Id).SetProperty(x => x.SupervisorySignerSubject, signer)
                    .SetProperty(x => x.SupervisoryApprover, entry.Name).SetProperty(x => x.SupervisorySignedAt, at)
                    .SetProperty(x => x.Revision, x => x.Revision + 1), ct);
        if (signed == 0)
        {
            throw DomainException.Precondition("DISTRIBUTION_CHANGED",
                $"Distribution {d.Id} was signed or changed by someone else meanwhile; read it again and retry.");
        }

        await db.Distributions.Where(x => x.Id == d.Id && x.Status == DistributionStatus.Draft && x.BoardSignerId != null && x.SupervisorySignerId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DistributionStatus.Approved).SetProperty(x => x.ApprovedAt, at)
                .SetProperty(x => x.Revision, x => x.Revision + 1), ct);
        return await ToApiAsync(await FindAsync(d.Id, ct), ct);
    }

    private static bool Overlap(RosterEntry a, RosterEntry b) =>
        a.TermFrom <= (b.TermTo ?? DateOnly.MaxValue) && b.TermFrom <= (a.TermTo ?? DateOnly.MaxValue);

    private async Task<Distribution> FindAsync(long id, CancellationToken ct) =>
        await db.Distributions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
        ?? throw DomainException.NotFound("DISTRIBUTION_NOT_FOUND", $"No distribution {id} exists.");

    private async Task<Api.Distribution> ToApiAsync(Distribution d, CancellationToken ct) => DistributionMapping.ToApi(d,
        await db.AllocationLines.AsNoTracking().Where(l => l.DistributionId == d.Id).ToListAsync(ct),
        await db.Objections.AsNoTracking().Where(o => o.DistributionId == d.Id).ToListAsync(ct));
}
