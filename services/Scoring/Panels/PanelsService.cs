using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Panels;

/// <summary>gRPC face of a village's review panel.</summary>
internal sealed class PanelsService(ScoringDb db, Lookups lookups, IdempotentWrites<ScoringDb> writes) : Api.Panels.PanelsBase
{
    public const int MaxNoticeDays = 30;
    public const int MaxMembers = 50;

    public override async Task<Api.Panel> GetPanel(Api.GetPanelRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        return await PanelAsync(village.Code, village.Quorum, village.NoticeDays, context.CancellationToken);
    }

    public override Task<Api.Panel> SetPanelMember(Api.SetPanelMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetPanelMember), request, ct => SetMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.Panel> RemovePanelMember(Api.RemovePanelMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RemovePanelMember), request, ct => RemoveMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.Panel> SetPanelSettings(Api.SetPanelSettingsRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetPanelSettings), request, ct => SetSettingsAsync(request, ct), context.CancellationToken);

    private async Task<Api.Panel> SetMemberAsync(Api.SetPanelMemberRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        Lookups.Actor(request.Actor);
        var input = request.Member ?? throw DomainException.Invalid("MEMBER_REQUIRED", "Give the panel member.",
            "member");
        var memberId = Input.Code(input.MemberId, "member_id", "member id");
        var name = Input.Text(input.Name, "name", "member's name");
        var role = input.Role switch
        {
            Api.PanelRole.VillageCadre => PanelRole.VillageCadre,
            Api.PanelRole.FirstSecretary => PanelRole.FirstSecretary,
            Api.PanelRole.PartyMember => PanelRole.PartyMember,
            Api.PanelRole.VillagersRepresentative => PanelRole.VillagersRepresentative,
            Api.PanelRole.TownshipCadre => PanelRole.TownshipCadre,
            _ => throw DomainException.Invalid("ROLE_INVALID",
                "Choose the member's role: village cadre, first secretary, party member, villagers' representative or township cadre.",
                "role"),
        };
        var householdNumber = await OwnHouseholdAsync(village.Code, role, input.HouseholdNumber, ct);

        var member = await db.PanelMembers.FirstOrDefaultAsync(m => m.VillageCode == village.Code && m.MemberId == memberId, ct);
        if (member is null)
        {
            if (await db.PanelMembers.CountAsync(m => m.VillageCode == village.Code, ct) >= MaxMembers)
            {
                throw DomainException.Precondition("PANEL_FULL", $"A panel has at most {MaxMembers} members.");
            }

            db.PanelMembers.Add(new PanelMember
            {
                VillageCode = village.Code,
                MemberId = memberId,
                Name = name,
                Role = role,
                HouseholdNumber = householdNumber,
            });
        }
        else
        {
            member.Name = name;
            member.Role = role;
            member.HouseholdNumber = householdNumber;
        }

        await db.SaveChangesAsync(ct);
        return await PanelAsync(village.Code, village.Quorum, village.NoticeDays, ct);
    }

    /// <summary>
    /// The member's own household, which must be real because recusal depends on it. First
    /// secretaries and township cadres are sent from outside and may have none (empty): no
    /// recusal concerns them.
    /// </summary>
    private async Task<string> OwnHouseholdAsync(string villageCode, PanelRole role, string? number, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(number))
        {
            return (await lookups.HouseholdAsync(villageCode, number, ct)).Number;
        }

        return role is PanelRole.FirstSecretary or PanelRole.TownshipCadre
            ? string.Empty
            : throw DomainException.Invalid("HOUSEHOLD_NUMBER_REQUIRED",
                "The member's own household number (household_number) is required for a member who lives in the village: " +
                "he or she never approves for it. Only a first secretary or a township cadre, sent from outside, may have none.",
                "household_number");
    }

    private async Task<Api.Panel> RemoveMemberAsync(Api.RemovePanelMemberRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        Lookups.Actor(request.Actor);
        var memberId = Input.Code(request.MemberId, "member_id", "member id");
        var removed = await db.PanelMembers.Where(m => m.VillageCode == village.Code && m.MemberId == memberId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            throw DomainException.NotFound("PANEL_MEMBER_NOT_FOUND", $"The panel of village {village.Code} has no member {memberId}.");
        }

        return await PanelAsync(village.Code, village.Quorum, village.NoticeDays, ct);
    }

    private async Task<Api.Panel> SetSettingsAsync(Api.SetPanelSettingsRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct, tracked: true);
        Lookups.Actor(request.Actor);
        if (request.Quorum is < 0 or > MaxMembers)
        {
            throw DomainException.Invalid("QUORUM_INVALID", $"The quorum is 0 (a majority) to {MaxMembers} approvals.",
                "quorum");
        }

        if (request.NoticeDays is < 1 or > MaxNoticeDays)
        {
            throw DomainException.Invalid("NOTICE_DAYS_INVALID", $"The public notice stands 1 to {MaxNoticeDays} days.",
                "notice_days");
        }

        village.Quorum = request.Quorum;
        village.NoticeDays = request.NoticeDays;
        await db.SaveChangesAsync(ct);
        return await PanelAsync(village.Code, village.Quorum, village.NoticeDays, ct);
    }

    private async Task<Api.Panel> PanelAsync(string villageCode, int quorum, int noticeDays, CancellationToken ct)
    {
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.VillageCode == villageCode)
            .OrderBy(m => m.MemberId).ToListAsync(ct);
        return new Api.Panel
        {
            VillageCode = villageCode,
            Quorum = quorum,
            EffectiveQuorum = Quorum.Needed(quorum, members.Count),
            NoticeDays = noticeDays,
            Members =
            {
                members.Select(m => new Api.PanelMember
                {
                    MemberId = m.MemberId,
                    Name = m.Name,
                    Role = (Api.PanelRole)(int)m.Role,
                    HouseholdNumber = m.HouseholdNumber,
                }),
            },
        };
    }
}
