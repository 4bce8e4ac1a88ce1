using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Cooperatives;

/// <summary>gRPC face of cooperative registration.</summary>
internal sealed class CooperativesService(DividendsDb db, IdempotentWrites<DividendsDb> writes, TimeProvider time) : Api.Cooperatives.CooperativesBase
{
    public override Task<Api.Cooperative> RegisterCooperative(Api.RegisterCooperativeRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RegisterCooperative), request, ct => RegisterAsync(request, ct), context.CancellationToken);

    private async Task<Api.Cooperative> RegisterAsync(Api.RegisterCooperativeRequest request, CancellationToken ct)
    {
        var cooperative = new Cooperative
        {
            Code = Input.Code(request.Code, "code", "cooperative code"),
            Name = Input.Text(request.Name, "name", "cooperative name"),
            Kind = request.Kind switch
            {
                Api.CooperativeKind.FarmersSpecialised => CooperativeKind.FarmersSpecialised,
                Api.CooperativeKind.VillageShareholding => CooperativeKind.VillageShareholding,
                _ => throw DomainException.Invalid("KIND_INVALID",
                    "Choose the cooperative's kind: a farmers' specialised cooperative or a village shareholding cooperative.",
                    "kind"),
            },
            VillageCode = Input.Code(request.VillageCode, "village_code", "village code"),
            RegisteredAt = time.GetUtcNow().UtcDateTime,
        };

        var existing = await db.Cooperatives.AsNoTracking().FirstOrDefaultAsync(c => c.Code == cooperative.Code, ct);
        if (existing is not null)
        {
            return ToApi(SameOrRefuse(existing, cooperative));
        }

        db.Cooperatives.Add(cooperative);
        db.AddEvent(new CooperativeRegistered(Guid.NewGuid(), time.GetUtcNow(), cooperative.Code, cooperative.Name,
            cooperative.Kind.ToString(), cooperative.VillageCode));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Registered concurrently under another key: EF rolled back to its savepoint, so the
            // transaction is still usable; answer as if this call came second.
            db.ChangeTracker.Clear();
            existing = await db.Cooperatives.AsNoTracking().FirstAsync(c => c.Code == cooperative.Code, ct);
            return ToApi(SameOrRefuse(existing, cooperative));
        }

        return ToApi(cooperative);
    }

    public override async Task<Api.Cooperative> GetCooperative(Api.GetCooperativeRequest request, ServerCallContext context)
    {
        var code = Input.Code(request.Code, "code", "cooperative code");
        var cooperative = await db.Cooperatives.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, context.CancellationToken)
            ?? throw DomainException.NotFound("COOPERATIVE_NOT_FOUND", $"No cooperative with code {code} is registered.");
        return ToApi(cooperative);
    }

    private static Cooperative SameOrRefuse(Cooperative existing, Cooperative requested) =>
        existing.Name == requested.Name && existing.Kind == requested.Kind && existing.VillageCode == requested.VillageCode
            ? existing
            : throw DomainException.AlreadyExists("COOPERATIVE_CODE_TAKEN",
                $"Cooperative code {existing.Code} is already registered as {existing.Name} with other details.",
                ("code", existing.Code));

    private static Api.Cooperative ToApi(Cooperative c) => new()
    {
        Code = c.Code,
        Name = c.Name,
        Kind = c.Kind == CooperativeKind.FarmersSpecialised
            ? Api.CooperativeKind.FarmersSpecialised
            : Api.CooperativeKind.VillageShareholding,
        VillageCode = c.VillageCode,
        RegisteredAt = StoredTime.Stamp(c.RegisteredAt),
    };
}
