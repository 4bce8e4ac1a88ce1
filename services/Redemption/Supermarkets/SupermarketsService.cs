using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Supermarkets;

/// <summary>gRPC face of supermarket registration.</summary>
internal sealed class SupermarketsService(RedemptionDb db, TimeProvider time) : Api.Supermarkets.SupermarketsBase
{
    public const int MaxVillages = 50;
    public const int MaxCounters = 50;

    public override async Task<Api.Supermarket> RegisterSupermarket(Api.RegisterSupermarketRequest request, ServerCallContext context)
    {
        var code = Input.Code(request.Code, "code", "supermarket code");
        var name = Input.Text(request.Name, "name", "supermarket name");
        if (request.VillageCodes.Count == 0 || request.VillageCodes.Count > MaxVillages)
        {
            throw DomainException.Invalid("VILLAGE_CODES_INVALID",
                $"A supermarket serves 1 to {MaxVillages} villages; {request.VillageCodes.Count} were given.",
                "village_codes");
        }

        var villages = request.VillageCodes.Select(v => Input.Code(v, "village_codes", "village code"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var known = await db.KnownVillages.AsNoTracking().Where(v => villages.Contains(v.Code))
            .Select(v => v.Code).ToListAsync(context.CancellationToken);
        var unknown = villages.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.NotFound("VILLAGE_NOT_FOUND",
                $"These villages are not registered in Scoring (or not yet known here): {string.Join(", ", unknown)}.",
                ("village_codes", string.Join(",", unknown)));
        }

        if (request.CounterCodes.Count is 0 or > MaxCounters)
        {
            throw DomainException.Invalid("COUNTER_CODES_INVALID",
                $"A supermarket has 1 to {MaxCounters} counters; {request.CounterCodes.Count} were given.",
                "counter_codes");
        }

        var counters = request.CounterCodes.Select(c => Input.Code(c, "counter_codes", "counter code"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var existing = await Find(code, context.CancellationToken);
        if (existing is not null)
        {
            return ToApi(SameOrRefuse(existing, name, villages));
        }

        var taken = await db.Counters.AsNoTracking().Where(c => counters.Contains(c.Code)).ToListAsync(context.CancellationToken);
        if (taken.Count > 0)
        {
            throw DomainException.AlreadyExists("COUNTER_CODE_TAKEN",
                $"Counter {taken[0].Code} already belongs to supermarket {taken[0].SupermarketCode}; counter codes are unique across supermarkets.",
                ("counter_codes", taken[0].Code));
        }

        var supermarket = new Supermarket
        {
            Code = code,
            Name = name,
            RegisteredAt = time.GetUtcNow().UtcDateTime,
            Villages = villages.Select(v => new SupermarketVillage { SupermarketCode = code, VillageCode = v }).ToList(),
            Counters = counters.Select(c => new SupermarketCounter { SupermarketCode = code, Code = c }).ToList(),
        };
        db.Supermarkets.Add(supermarket);
        db.AddEvent(new SupermarketRegistered(Guid.NewGuid(), time.GetUtcNow(), code, name, villages));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            existing = await Find(code, context.CancellationToken);
            return ToApi(SameOrRefuse(existing!, name, villages));
        }

        return ToApi(supermarket);
    }

    public override async Task<Api.Supermarket> GetSupermarket(Api.GetSupermarketRequest request, ServerCallContext context)
    {
        var code = Input.Code(request.Code, "code", "supermarket code");
        var supermarket = await Find(code, context.CancellationToken)
            ?? throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"No supermarket with code {code} is registered.");
        return ToApi(supermarket);
    }

    public override async Task<Api.Supermarket> AddCounter(Api.AddCounterRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var code = Input.Code(request.SupermarketCode, "supermarket_code", "supermarket code");
        var counter = Input.Code(request.CounterCode, "counter_code", "counter code");
        var supermarket = await Find(code, ct)
            ?? throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"No supermarket with code {code} is registered.");
        var owner = await db.Counters.AsNoTracking().Where(c => c.Code == counter).Select(c => c.SupermarketCode).FirstOrDefaultAsync(ct);
        if (owner is not null && owner != code)
        {
            throw DomainException.AlreadyExists("COUNTER_CODE_TAKEN",
                $"Counter {counter} already belongs to supermarket {owner}; counter codes are unique across supermarkets.");
        }

        if (owner is null)
        {
            db.Counters.Add(new SupermarketCounter { Code = counter, SupermarketCode = code });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                return await AddCounter(request, context);
            }

            supermarket = (await Find(code, ct))!;
        }

        return ToApi(supermarket);
    }

    public override async Task<Api.ListKnownVillagesResponse> ListKnownVillages(Api.ListKnownVillagesRequest request, ServerCallContext context)
    {
        var villages = await db.KnownVillages.AsNoTracking().OrderBy(v => v.Code).ToListAsync(context.CancellationToken);
        return new Api.ListKnownVillagesResponse
        {
            Villages = { villages.Select(v => new Api.KnownVillage { Code = v.Code, Name = v.Name }) },
        };
    }

    private Task<Supermarket?> Find(string code, CancellationToken cancellationToken) =>
        db.Supermarkets.AsNoTracking().Include(s => s.Villages).Include(s => s.Counters).AsSplitQuery().FirstOrDefaultAsync(s => s.Code == code, cancellationToken);

    private static Supermarket SameOrRefuse(Supermarket existing, string name, List<string> villages) =>
        existing.Name == name && existing.Villages.Select(v => v.VillageCode).Order(StringComparer.Ordinal).SequenceEqual(villages)
            ? existing
            : throw DomainException.AlreadyExists("SUPERMARKET_CODE_TAKEN",
                $"Supermarket code {existing.Code} is already registered as {existing.Name} with other details.",
                ("code", existing.Code));

    private static Api.Supermarket ToApi(Supermarket s) => new()
    {
        Code = s.Code,
        Name = s.Name,
        VillageCodes = { s.Villages.Select(v => v.VillageCode).Order(StringComparer.Ordinal) },
        RegisteredAt = StoredTime.Stamp(s.RegisteredAt),
        CounterCodes = { s.Counters.Select(c => c.Code).Order(StringComparer.Ordinal) },
    };
}
