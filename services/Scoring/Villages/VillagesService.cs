using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Villages;

/// <summary>gRPC face of village registration.</summary>
internal sealed class VillagesService(ScoringDb db, IdempotentWrites<ScoringDb> writes, TimeProvider time) : Api.Villages.VillagesBase
{
    public override Task<Api.Village> RegisterVillage(Api.RegisterVillageRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RegisterVillage), request, ct => RegisterAsync(request, ct), context.CancellationToken);

    private async Task<Api.Village> RegisterAsync(Api.RegisterVillageRequest request, CancellationToken ct)
    {
        var village = new Village
        {
            Code = Input.Code(request.Code, "code", "village code"),
            Name = Input.Text(request.Name, "name", "village name"),
            Township = Input.Text(request.Township, "township", "township name"),
            County = Input.Text(request.County, "county", "county name"),
            RegisteredAt = time.GetUtcNow().UtcDateTime,
        };

        var existing = await db.Villages.AsNoTracking().FirstOrDefaultAsync(v => v.Code == village.Code, ct);
        if (existing is not null)
        {
            return ToApi(SameOrRefuse(existing, village));
        }

        db.Villages.Add(village);
        db.Rules.AddRange(Rules.DefaultCatalogue.For(village.Code, village.RegisteredAt));
        db.AddEvent(new VillageRegistered(Guid.NewGuid(), time.GetUtcNow(), village.Code, village.Name, village.Township, village.County));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Registered concurrently by another call: answer as if this one came second.
            db.ChangeTracker.Clear();
            existing = await db.Villages.AsNoTracking().FirstAsync(v => v.Code == village.Code, ct);
            return ToApi(SameOrRefuse(existing, village));
        }

        return ToApi(village);
    }

    public override async Task<Api.Village> GetVillage(Api.GetVillageRequest request, ServerCallContext context)
    {
        var code = Input.Code(request.Code, "code", "village code");
        var village = await db.Villages.AsNoTracking().FirstOrDefaultAsync(v => v.Code == code, context.CancellationToken)
            ?? throw DomainException.NotFound("VILLAGE_NOT_FOUND", $"No village with code {code} is registered.");
        return ToApi(village);
    }

    public override async Task<Api.ListVillagesResponse> ListVillages(Api.ListVillagesRequest request, ServerCallContext context)
    {
        var query = db.Villages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.County))
        {
            var county = Input.Text(request.County, "county", "county name");
            query = query.Where(v => v.County == county);
        }

        var villages = await query.OrderBy(v => v.Code).ToListAsync(context.CancellationToken);
        return new Api.ListVillagesResponse { Villages = { villages.Select(ToApi) } };
    }

    private static Village SameOrRefuse(Village existing, Village requested) =>
        existing.SameDetailsAs(requested)
            ? existing
            : throw DomainException.AlreadyExists("VILLAGE_CODE_TAKEN",
                $"Village code {existing.Code} is already registered as {existing.Name} ({existing.Township}, {existing.County}).",
                ("code", existing.Code));

    private static Api.Village ToApi(Village v) => new()
    {
        Code = v.Code,
        Name = v.Name,
        Township = v.Township,
        County = v.County,
        RegisteredAt = StoredTime.Stamp(v.RegisteredAt),
    };
}
