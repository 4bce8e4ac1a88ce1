using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Awards;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Text;
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
        return await PanelAsync(village, context.CancellationToken);
    }

    public override Task<Api.Panel> SetPanelMember(Api.SetPanelMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetPanelMember), request, ct => SetMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.Panel> RemovePanelMember(Api.RemovePanelMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RemovePanelMember), request, ct => RemoveMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.Panel> SetPanelRules(Api.SetPanelRulesRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetPanelRules), request, ct => SetRulesAsync(request, ct), context.CancellationToken);

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
        var idCard = member?.IdCardNumber is { } stored && input.IdCardNumber?.Trim() == IdCardNumber.Mask(stored)
            ? stored
            : IdCardNumber.Normalise(input.IdCardNumber, "member.id_card_number");
        if (member is not null && member.Role != role)
        {
            await RequireSatisfiableAsync(village, memberId, role, $"Making {memberId} a {PanelRoleNames.Of(role, 1)}", ct);
        }

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
                IdCardNumber = idCard,
            });
        }
        else
        {
            member.Name = name;
            member.Role = role;
            member.HouseholdNumber = householdNumber;
            member.IdCardNumber = idCard;
        }

        await db.SaveChangesAsync(ct);
        return await PanelAsync(village, ct);
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
        await RequireSatisfiableAsync(village, memberId, null, $"Removing {memberId}", ct);
        var removed = await db.PanelMembers.Where(m => m.VillageCode == village.Code && m.MemberId == memberId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            throw DomainException.NotFound("PANEL_MEMBER_NOT_FOUND", $"The panel of village {village.Code} has no member {memberId}.");
        }

        return await PanelAsync(village, ct);
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
        return await PanelAsync(village, ct);
    }

    private async Task<Api.Panel> SetRulesAsync(Api.SetPanelRulesRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct, tracked: true);
        Lookups.Actor(request.Actor);
        var input = request.Rules ?? throw DomainException.Invalid("RULES_REQUIRED", "Give the panel's rules (rules).", "rules");
        var minimums = new Dictionary<PanelRole, int>();
        for (var i = 0; i < input.RoleMinimums.Count; i++)
        {
            var line = input.RoleMinimums[i];
            var field = $"rules.role_minimums[{i}]";
            if (!Enum.IsDefined((PanelRole)(int)line.Role))
            {
                throw DomainException.Invalid("ROLE_INVALID",
                    "Choose the member's role: village cadre, first secretary, party member, villagers' representative or township cadre.",
                    $"{field}.role");
            }

            if (line.Approvals is < 0 or > PanelComposition.MaxApprovalsPerRole)
            {
                throw DomainException.Invalid("ROLE_MINIMUM_INVALID",
                    $"A role's minimum is 0 to {PanelComposition.MaxApprovalsPerRole} approvals.", $"{field}.approvals");
            }

            if (!minimums.TryAdd((PanelRole)(int)line.Role, line.Approvals))
            {
                throw DomainException.Invalid("ROLE_MINIMUM_DUPLICATE",
                    "A role is named twice in the role minimums; give each role once.", $"{field}.role");
            }
        }

        var rules = new PanelComposition(minimums.Where(m => m.Value > 0).ToDictionary(), input.FirstSecretaryRequired, !input.ProposerMayApprove);
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.VillageCode == village.Code).Select(m => m.Role).ToListAsync(ct);
        if (rules.Unmet(members) is { } unmet)
        {
            throw Unsatisfiable(village.Code, $"The current panel could never approve under these rules: {unmet}. Add members with that role first, or ask for fewer approvals.");
        }

        await db.PanelRoleMinimums.Where(m => m.VillageCode == village.Code).ExecuteDeleteAsync(ct);
        db.PanelRoleMinimums.AddRange(rules.RoleMinimums.Select(m => new PanelRoleMinimum { VillageCode = village.Code, Role = m.Key, Approvals = m.Value }));
        village.FirstSecretaryRequired = rules.FirstSecretaryRequired;
        village.SeparateProposer = rules.SeparateProposer;
        await db.SaveChangesAsync(ct);
        return await PanelAsync(village, ct);
    }

    /// <summary>
    /// Refuses a change of the panel (a member removed, or given another role) after which the
    /// village's rules could never be met: the rules are changed first, then the panel.
    /// </summary>
    private async Task RequireSatisfiableAsync(Village village, string memberId, PanelRole? newRole, string change, CancellationToken ct)
    {
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.VillageCode == village.Code).ToListAsync(ct);
        if (members.All(m => m.MemberId != memberId))
        {
            return;
        }

        var after = members.Where(m => m.MemberId != memberId).Select(m => m.Role).ToList();
        if (newRole is { } role)
        {
            after.Add(role);
        }

        var rules = await PanelGate.CompositionAsync(db, village, ct);
        if (rules.Unmet(after) is { } unmet)
        {
            throw Unsatisfiable(village.Code, $"{change} would leave the panel unable to approve anything: {unmet}. Change the panel's rules (SetPanelRules) first, or add another member with that role.");
        }
    }

    private static DomainException Unsatisfiable(string villageCode, string message) =>
        DomainException.Precondition("PANEL_RULES_UNSATISFIABLE", message, ("village_code", villageCode));

    private async Task<Api.Panel> PanelAsync(Village village, CancellationToken ct)
    {
        var members = await db.PanelMembers.AsNoTracking().Where(m => m.VillageCode == village.Code)
            .OrderBy(m => m.MemberId).ToListAsync(ct);
        var rules = await PanelGate.CompositionAsync(db, village, ct);
        return new Api.Panel
        {
            VillageCode = village.Code,
            Quorum = village.Quorum,
            EffectiveQuorum = Quorum.Needed(village.Quorum, members.Count),
            NoticeDays = village.NoticeDays,
            Members =
            {
                members.Select(m => new Api.PanelMember
                {
                    MemberId = m.MemberId,
                    Name = m.Name,
                    Role = (Api.PanelRole)(int)m.Role,
                    HouseholdNumber = m.HouseholdNumber,
                    IdCardNumber = IdCardNumber.Mask(m.IdCardNumber),
                }),
            },
            Rules = new Api.PanelRules
            {
                RoleMinimums =
                {
                    rules.RoleMinimums.OrderBy(m => m.Key).Select(m => new Api.RoleMinimum { Role = (Api.PanelRole)(int)m.Key, Approvals = m.Value }),
                },
                FirstSecretaryRequired = rules.FirstSecretaryRequired,
                ProposerMayApprove = !rules.SeparateProposer,
            },
        };
    }
}
