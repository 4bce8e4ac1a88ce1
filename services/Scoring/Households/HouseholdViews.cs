using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Text;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>
/// A household as answered and as published: ID card numbers only masked, "over 70" worked out
/// on the day asked.
/// </summary>
internal sealed class HouseholdViews(ScoringDb db, TimeProvider time)
{
    public DateOnly Today => VillageDay.Today(time);

    public Api.Household Summary(Household h, string? mergedInto) => ToApi(h, mergedInto, Today);

    public async Task<Api.HouseholdDetail> DetailAsync(Household h, CancellationToken ct)
    {
        var today = Today;
        var members = await ActiveMembers(h.Id).AsNoTracking().ToListAsync(ct);
        var history = await db.PovertyStatusChanges.AsNoTracking().Where(c => c.HouseholdId == h.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var mergedInto = await MergedIntoNumberAsync(h, ct);
        return new Api.HouseholdDetail
        {
            Household = ToApi(h, mergedInto, today),
            Members = { Ordered(members).Select(m => ToApi(m, today)) },
            PovertyHistory =
            {
                history.Select(c => new Api.PovertyStatusChange
                {
                    Status = (Api.PovertyStatus)(int)c.Status,
                    EffectiveOn = MemberInput.Day(c.EffectiveOn),
                    RecordedAt = StoredTime.Stamp(c.RecordedAt),
                    RecordedBy = c.RecordedBy,
                    Note = c.Note,
                }),
            },
        };
    }

    public IQueryable<HouseholdMember> ActiveMembers(long householdId) =>
        db.HouseholdMembers.Where(m => m.HouseholdId == householdId && m.RemovedAt == null);

    public async Task<string?> MergedIntoNumberAsync(Household household, CancellationToken ct) =>
        household.MergedIntoId is { } id
            ? await db.Households.Where(h => h.Id == id).Select(h => h.Number).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>The household as it stands, for the counter's copy.</summary>
    public HouseholdChanged Changed(Household h, IEnumerable<HouseholdMember> activeMembers, string change, string? mergedInto) => new(
        Guid.NewGuid(), time.GetUtcNow(), h.VillageCode, h.Number, h.Version, change, h.HeadName, h.CardNumber, h.MemberCount,
        ((Api.PovertyStatus)(int)h.CurrentPovertyStatus).ToString(), h.PovertyRegistered, h.Monitored, h.HasMemberOver70,
        activeMembers.Select(m => m.BornOn).ToList(), h.Status == HouseholdStatus.Merged, mergedInto);

    public HouseholdRegistered Registered(Household h, IEnumerable<HouseholdMember> members) => new(Guid.NewGuid(), time.GetUtcNow(),
        h.VillageCode, h.Number, h.HeadName, h.MemberCount, h.PovertyRegistered, h.Monitored, h.HasMemberOver70, h.CardNumber,
        members.Select(m => m.BornOn).ToList());

    public static Api.Household ToApi(Household h, string? mergedInto, DateOnly today) => new()
    {
        VillageCode = h.VillageCode,
        HouseholdNumber = h.Number,
        HeadName = h.HeadName,
        MemberCount = h.MemberCount,
        PovertyRegistered = h.PovertyRegistered,
        Monitored = h.Monitored,
        HasMemberOver70 = h.OldestMemberBornOn is null ? h.HasMemberOver70 : VillageDay.Over70(h.OldestMemberBornOn, today),
        Status = h.Status == HouseholdStatus.Active ? Api.HouseholdStatus.Active : Api.HouseholdStatus.Merged,
        RegisteredAt = StoredTime.Stamp(h.RegisteredAt),
        MergedIntoHouseholdNumber = mergedInto ?? string.Empty,
        CardNumber = h.CardNumber ?? string.Empty,
        PovertyStatus = (Api.PovertyStatus)(int)h.CurrentPovertyStatus,
        Version = h.Version,
    };

    public static Api.HouseholdMember ToApi(HouseholdMember m, DateOnly today) => new()
    {
        MemberId = m.Id,
        Name = m.Name,
        Relation = (Api.MemberRelation)(int)m.Relation,
        BornOn = MemberInput.Day(m.BornOn),
        IdCardNumberMasked = IdCardNumber.Mask(m.IdCardNumber),
        Age = MemberInput.Age(m.BornOn, today),
    };

    /// <summary>Head first, then in the order they were recorded.</summary>
    public static IEnumerable<HouseholdMember> Ordered(IEnumerable<HouseholdMember> members) =>
        members.OrderBy(m => m.Relation == MemberRelation.Head ? 0 : 1).ThenBy(m => m.Id);
}
