using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Dividends.Data;
using Platform.Dividends.Members;
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
        var api = ToApi(cooperative);
        if (cooperative.Kind == CooperativeKind.FarmersSpecialised)
        {
            var minimum = await PatronageMinimum.OfSpecialisedAsync(db, code, context.CancellationToken);
            api.PatronageMinimumBp = minimum.Bp;
            api.StatutesProvision = minimum.Provision is { } p ? ToApi(p) : null;
        }

        return api;
    }

    public override Task<Api.StatutesProvision> RecordStatutesProvision(Api.RecordStatutesProvisionRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordStatutesProvision), request, ct => RecordProvisionAsync(request, ct), context.CancellationToken);

    private async Task<Api.StatutesProvision> RecordProvisionAsync(Api.RecordStatutesProvisionRequest request, CancellationToken ct)
    {
        var code = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var kind = await db.Cooperatives.Where(c => c.Code == code).Select(c => c.Kind).FirstAsync(ct);
        if (kind != CooperativeKind.FarmersSpecialised)
        {
            throw DomainException.Precondition("STATUTES_PROVISION_NOT_APPLICABLE",
                $"Cooperative {code} is a shareholding cooperative: it distributes by shares, and no share returned by trade applies to it.",
                ("cooperative_code", code));
        }

        if (request.PatronageMinimumBp is < 0 or > 10_000)
        {
            throw DomainException.Invalid("RATE_INVALID",
                "The statutes' share returned by trade must be between 0 and 10,000 basis points (0% to 100%).", "patronage_minimum_bp");
        }

        var provision = new StatutesProvision
        {
            CooperativeCode = code,
            PatronageMinimumBp = request.PatronageMinimumBp,
            Clause = Input.Text(request.Clause, "clause", "statutes' clause (its number and text)", 500),
            AdoptedOn = Dates.Required(request.AdoptedOn, "adopted_on", "day the members' assembly adopted the clause"),
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        db.StatutesProvisions.Add(provision);
        await db.SaveChangesAsync(ct);
        return ToApi(provision);
    }

    private static Api.StatutesProvision ToApi(StatutesProvision p) => new()
    {
        ProvisionId = p.Id,
        CooperativeCode = p.CooperativeCode,
        PatronageMinimumBp = p.PatronageMinimumBp,
        Clause = p.Clause,
        AdoptedOn = Dates.Text(p.AdoptedOn),
        RecordedAt = StoredTime.Stamp(p.RecordedAt),
    };

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
