using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Supermarkets;

/// <summary>gRPC face of supermarket registration.</summary>
internal sealed class SupermarketsService(RedemptionDb db, TimeProvider time) : Api.Supermarkets.SupermarketsBase
{
    public const int MaxVillages = 50;

    public override async Task<Api.Supermarket> RegisterSupermarket(Api.RegisterSupermarketRequest request, ServerCallContext context)
    {
        var code = Input.Code(request.Code, "code", "supermarket code");
        var name = Input.Text(request.Name, "name", "supermarket name");
        if (request.VillageCodes.Count == 0 || request.VillageCodes.Count > MaxVillages)
        {
            throw DomainException.Invalid("VILLAGE_CODES_INVALID",
                $"A supermarket serves 1 to {MaxVillages} villages; {request.VillageCodes.Count} were given.",
                new Dictionary<string, string> { ["field"] = "village_codes" });
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
                new Dictionary<string, string> { ["village_codes"] = string.Join(",", unknown) });
        }

        var existing = await Find(code, context.CancellationToken);
        if (existing is not null)
        {
            return ToApi(SameOrRefuse(existing, name, villages));
        }

        var supermarket = new Supermarket
        {
            Code = code,
            Name = name,
            RegisteredAt = time.GetUtcNow().UtcDateTime,
            Villages = villages.Select(v => new SupermarketVillage { SupermarketCode = code, VillageCode = v }).ToList(),
        };
        db.Supermarkets.Add(supermarket);
        db.AddEvent(new SupermarketRegistered(Guid.NewGuid(), time.GetUtcNow(), code, name, villages));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (InboxExtensions.IsUniqueViolation(ex))
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

    public override async Task<Api.ListKnownVillagesResponse> ListKnownVillages(Api.ListKnownVillagesRequest request, ServerCallContext context)
    {
        var villages = await db.KnownVillages.AsNoTracking().OrderBy(v => v.Code).ToListAsync(context.CancellationToken);
        return new Api.ListKnownVillagesResponse
        {
            Villages = { villages.Select(v => new Api.KnownVillage { Code = v.Code, Name = v.Name }) },
        };
    }

    private Task<Supermarket?> Find(string code, CancellationToken cancellationToken) =>
        db.Supermarkets.AsNoTracking().Include(s => s.Villages).FirstOrDefaultAsync(s => s.Code == code, cancellationToken);

    private static Supermarket SameOrRefuse(Supermarket existing, string name, List<string> villages) =>
        existing.Name == name && existing.Villages.Select(v => v.VillageCode).Order(StringComparer.Ordinal).SequenceEqual(villages)
            ? existing
            : throw DomainException.AlreadyExists("SUPERMARKET_CODE_TAKEN",
                $"Supermarket code {existing.Code} is already registered as {existing.Name} with other details.",
                new Dictionary<string, string> { ["code"] = existing.Code });

    private static Api.Supermarket ToApi(Supermarket s) => new()
    {
        Code = s.Code,
        Name = s.Name,
        VillageCodes = { s.Villages.Select(v => v.VillageCode).Order(StringComparer.Ordinal) },
        RegisteredAt = Timestamp.FromDateTime(DateTime.SpecifyKind(s.RegisteredAt, DateTimeKind.Utc)),
    };
}
