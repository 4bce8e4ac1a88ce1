using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Dividends.Allocation;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Members;

/// <summary>gRPC face of members, their holdings and their trade.</summary>
internal sealed class MembersService(DividendsDb db, IdempotentWrites<DividendsDb> writes, TimeProvider time) : Api.Members.MembersBase
{
    public override Task<Api.Member> JoinCooperative(Api.JoinCooperativeRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(JoinCooperative), request, ct => JoinAsync(request, ct), context.CancellationToken);

    public override Task<Api.Holding> RecordHolding(Api.RecordHoldingRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordHolding), request, ct => RecordHoldingAsync(request, ct), context.CancellationToken);

    public override Task<Api.Patronage> RecordPatronage(Api.RecordPatronageRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordPatronage), request, ct => RecordPatronageAsync(request, ct), context.CancellationToken);

    private async Task<Api.Member> JoinAsync(Api.JoinCooperativeRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var member = new Member
        {
            CooperativeCode = cooperative,
            VillageCode = Input.Code(request.VillageCode, "village_code", "village code"),
            HouseholdNumber = Input.Code(request.HouseholdNumber, "household_number", "household number"),
            HeadName = Input.Text(request.HeadName, "head_name", "name of the head of household"),
            JoinedOn = Dates.Required(request.JoinedOn, "joined_on", "day the household joined"),
            RegisteredAt = time.GetUtcNow().UtcDateTime,
        };

        var existing = await FindAsync(member, ct);
        if (existing is not null)
        {
            return ToApi(SameOrRefuse(existing, member));
        }

        db.Members.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Joined concurrently under another key: EF rolled back to its savepoint, so the
            // transaction is still usable; answer as if this call came second.
            db.ChangeTracker.Clear();
            return ToApi(SameOrRefuse((await FindAsync(member, ct))!, member));
        }

        // The id comes from the database, so the event is added once the member row exists, in the same transaction.
        db.AddEvent(new MemberJoinedCooperative(Guid.NewGuid(), time.GetUtcNow(), member.CooperativeCode,
            member.VillageCode, member.HouseholdNumber, member.Id, member.JoinedOn));
        await db.SaveChangesAsync(ct);
        return ToApi(member);
    }

    public override async Task<Api.ListMembersResponse> ListMembers(Api.ListMembersRequest request, ServerCallContext context)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, context.CancellationToken);
        var size = Paging.Size(request.PageSize);
        var after = Paging.After(request.PageToken);
        var page = await db.Members.AsNoTracking().Where(m => m.CooperativeCode == cooperative && m.Id > after).OrderBy(m => m.Id)
            .Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new Api.ListMembersResponse { Members = { page.Take(size).Select(ToApi) } };
        if (page.Count > size)
        {
            response.NextPageToken = Paging.Token(page[size - 1].Id);
        }

        return response;
    }

    private async Task<Api.Holding> RecordHoldingAsync(Api.RecordHoldingRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var cls = ShareClassMapping.FromApi(request.ShareClass);
        AllocationInputCheck.NotNegative(request.Quantity, "quantity", "holding quantity");
        var from = Dates.Required(request.EffectiveFrom, "effective_from", "day the holding starts");
        var to = Dates.Optional(request.EffectiveTo, "effective_to", "day the holding ends");
        if (to < from)
        {
            throw DomainException.Invalid("HOLDING_DATES_INVALID", "A holding must end on or after the day it starts.",
                "effective_to");
        }

        await CooperativeRules.KnownMemberAsync(db, cooperative, request.MemberId, ct);
        var holding = new Holding
        {
            CooperativeCode = cooperative,
            MemberId = request.MemberId,
            Class = cls,
            Quantity = request.Quantity,
            EffectiveFrom = from,
            EffectiveTo = to,
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Holdings.Add(holding);
        await db.SaveChangesAsync(ct);
        return new Api.Holding
        {
            HoldingId = holding.Id,
            MemberId = holding.MemberId,
            ShareClass = ShareClassMapping.ToApi(holding.Class),
            Quantity = holding.Quantity,
            EffectiveFrom = Dates.Text(holding.EffectiveFrom),
            EffectiveTo = Dates.Text(holding.EffectiveTo),
        };
    }

    private async Task<Api.Patronage> RecordPatronageAsync(Api.RecordPatronageRequest request, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        AllocationInputCheck.NotNegative(request.AmountFen, "amount_fen", "trade amount");
        var from = Dates.Required(request.PeriodFrom, "period_from", "first day of the period");
        var to = Dates.Required(request.PeriodTo, "period_to", "last day of the period");
        if (to < from)
        {
            throw DomainException.Invalid("PERIOD_INVALID", "The period must end on or after the day it starts.",
                "period_to");
        }

        await CooperativeRules.KnownMemberAsync(db, cooperative, request.MemberId, ct);
        var record = await db.Patronage.FindAsync([request.MemberId, from, to], ct);
        if (record is null)
        {
            record = new PatronageRecord { CooperativeCode = cooperative, MemberId = request.MemberId, PeriodFrom = from, PeriodTo = to };
            db.Patronage.Add(record);
        }

        record.AmountFen = request.AmountFen;
        record.RecordedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new Api.Patronage { MemberId = record.MemberId, PeriodFrom = Dates.Text(from), PeriodTo = Dates.Text(to), AmountFen = record.AmountFen };
    }

    private Task<Member?> FindAsync(Member m, CancellationToken ct) =>
        db.Members.AsNoTracking().FirstOrDefaultAsync(x => x.CooperativeCode == m.CooperativeCode
            && x.VillageCode == m.VillageCode && x.HouseholdNumber == m.HouseholdNumber, ct);

    private static Member SameOrRefuse(Member existing, Member requested) =>
        existing.HeadName == requested.HeadName && existing.JoinedOn == requested.JoinedOn
            ? existing
            : throw DomainException.AlreadyExists("MEMBER_EXISTS",
                $"Household {existing.HouseholdNumber} of village {existing.VillageCode} is already member {existing.Id} with other details.",
                ("member_id", existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    internal static Api.Member ToApi(Member m) => new()
    {
        MemberId = m.Id,
        CooperativeCode = m.CooperativeCode,
        VillageCode = m.VillageCode,
        HouseholdNumber = m.HouseholdNumber,
        HeadName = m.HeadName,
        JoinedOn = Dates.Text(m.JoinedOn),
    };
}
