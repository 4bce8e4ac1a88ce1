using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>
/// Changes to a household's members, head, poverty status and card. Each runs inside the
/// caller's idempotent write, so the change, its audit record and its HouseholdChanged event
/// commit together.
/// </summary>
internal sealed class HouseholdRegistry(ScoringDb db, Lookups lookups, HouseholdViews views, TimeProvider time)
{
    public async Task<Api.HouseholdDetail> AddMemberAsync(Api.AddMemberRequest request, CancellationToken ct)
    {
        var (household, members) = await OpenAsync(request.Household, ct);
        var actor = Lookups.Actor(request.Actor);
        var member = MemberInput.Check(request.Member, views.Today);
        if (members.Count >= HouseholdInput.MaxMembers)
        {
            throw DomainException.Precondition("MEMBERS_FULL", $"Household {household.Number} already has {members.Count} members, the most one household can have.");
        }

        if (member.Relation == MemberRelation.Head && members.Any(m => m.Relation == MemberRelation.Head))
        {
            throw DomainException.Precondition("HEAD_ALREADY_RECORDED",
                $"Household {household.Number} already has its head recorded; add the member with another relation, then use ChangeHead.",
                ("household_number", household.Number));
        }

        await EnsureIdFreeAsync(household.VillageCode, member.IdCardNumber, null, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var added = new HouseholdMember
        {
            HouseholdId = household.Id, VillageCode = household.VillageCode, Name = member.Name, Relation = member.Relation,
            BornOn = member.BornOn, IdCardNumber = member.IdCardNumber, AddedAt = now, AddedBy = actor,
        };
        db.HouseholdMembers.Add(added);
        if (member.Relation == MemberRelation.Head)
        {
            household.HeadName = member.Name;
        }

        // From the first member recorded on, the count is that of the members; until then it was typed.
        members.Add(added);
        Recount(household, members);
        return await SaveAsync(household, members, "member-added", ct);
    }

    public async Task<Api.HouseholdDetail> UpdateMemberAsync(Api.UpdateMemberRequest request, CancellationToken ct)
    {
        var (household, members) = await OpenAsync(request.Household, ct);
        _ = Lookups.Actor(request.Actor);
        var member = Member(household, members, request.MemberId);
        var changed = MemberInput.Check(request.Member, views.Today);
        if ((changed.Relation == MemberRelation.Head) != (member.Relation == MemberRelation.Head))
        {
            throw DomainException.Precondition("USE_CHANGE_HEAD", "The head of a household changes with ChangeHead, not by editing a member's relation.",
                ("member_id", request.MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (request.ClearIdCardNumber && changed.IdCardNumber is not null)
        {
            throw DomainException.Invalid("ID_CARD_NUMBER_CONFLICT", "Either give a new ID card number or ask to clear it, not both.", "clear_id_card_number");
        }

        if (changed.IdCardNumber is not null && changed.IdCardNumber != member.IdCardNumber)
        {
            await EnsureIdFreeAsync(household.VillageCode, changed.IdCardNumber, member.Id, ct);
            member.IdCardNumber = changed.IdCardNumber;
        }
        else if (request.ClearIdCardNumber)
        {
            member.IdCardNumber = null;
        }

        member.Name = changed.Name;
        member.Relation = changed.Relation;
        member.BornOn = changed.BornOn;
        if (member.Relation == MemberRelation.Head)
        {
            household.HeadName = member.Name;
        }

        Recount(household, members);
        return await SaveAsync(household, members, "member-updated", ct);
    }

    public async Task<Api.HouseholdDetail> RemoveMemberAsync(Api.RemoveMemberRequest request, CancellationToken ct)
    {
        var (household, members) = await OpenAsync(request.Household, ct);
        var actor = Lookups.Actor(request.Actor);
        var reason = Lookups.Note(request.Reason, "reason");
        var member = Member(household, members, request.MemberId);
        if (member.Relation == MemberRelation.Head)
        {
            throw DomainException.Precondition("HEAD_CANNOT_LEAVE",
                $"{member.Name} is the head of household {household.Number}; make another member head (ChangeHead) before removing him or her.");
        }

        if (members.Count == 1)
        {
            throw DomainException.Precondition("LAST_MEMBER",
                $"{member.Name} is the last member recorded of household {household.Number}; a household keeps at least one member (merge it into another household instead).");
        }

        member.RemovedAt = time.GetUtcNow().UtcDateTime;
        member.RemovedBy = actor;
        member.RemovedReason = reason;
        members.Remove(member);
        Recount(household, members);
        return await SaveAsync(household, members, "member-removed", ct);
    }

    public async Task<Api.HouseholdDetail> ChangeHeadAsync(Api.ChangeHeadRequest request, CancellationToken ct)
    {
        var (household, members) = await OpenAsync(request.Household, ct);
        _ = Lookups.Actor(request.Actor);
        _ = Lookups.Note(request.Reason, "reason");
        var next = members.FirstOrDefault(m => m.Id == request.NewHeadMemberId);
        if (next is null)
        {
            throw MemberNotFound(household, request.NewHeadMemberId, "new_head_member_id");
        }

        if (next.Relation == MemberRelation.Head)
        {
            throw DomainException.Precondition("ALREADY_HEAD", $"{next.Name} is already the head of household {household.Number}.");
        }

        if (members.FirstOrDefault(m => m.Relation == MemberRelation.Head) is { } former)
        {
            var relation = request.FormerHeadRelation == Api.MemberRelation.Unspecified
                ? throw DomainException.Invalid("FORMER_HEAD_RELATION_REQUIRED",
                    $"Say what {former.Name}, the head until now, is to {next.Name} (spouse, parent, …).", "former_head_relation")
                : MemberInput.Relation(request.FormerHeadRelation, "former_head_relation");
            if (relation == MemberRelation.Head)
            {
                throw DomainException.Invalid("FORMER_HEAD_RELATION_INVALID", "A household has one head: give the former head another relation.", "former_head_relation");
            }

            former.Relation = relation;
        }

        next.Relation = MemberRelation.Head;
        household.HeadName = next.Name;
        return await SaveAsync(household, members, "head-changed", ct);
    }

    public async Task<Api.HouseholdDetail> RecordPovertyStatusAsync(Api.RecordPovertyStatusRequest request, CancellationToken ct)
    {
        var (household, members) = await OpenAsync(request.Household, ct);
        var actor = Lookups.Actor(request.Actor);
        var note = Lookups.Note(request.Note, "note");
        if (!Enum.IsDefined((PovertyStatus)(int)request.Status))
        {
            throw DomainException.Invalid("POVERTY_STATUS_REQUIRED", "Choose the poverty status: none, registered poor, lifted out or monitored.", "status");
        }

        var status = (PovertyStatus)(int)request.Status;
        var today = views.Today;
        var effective = EffectiveOn(request.EffectiveOn, today);
        var last = await db.PovertyStatusChanges.AsNoTracking().Where(c => c.HouseholdId == household.Id)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (last is not null && effective < last.EffectiveOn)
        {
            throw DomainException.Invalid("EFFECTIVE_BEFORE_LAST",
                $"The last status recorded took effect on {MemberInput.Day(last.EffectiveOn)}; a new one cannot take effect before it.", "effective_on");
        }

        if (household.CurrentPovertyStatus == status)
        {
            throw DomainException.Precondition("POVERTY_STATUS_UNCHANGED",
                $"Household {household.Number} already has this poverty status.", ("household_number", household.Number));
        }

        db.PovertyStatusChanges.Add(new PovertyStatusChange
        {
            HouseholdId = household.Id, VillageCode = household.VillageCode, Status = status, EffectiveOn = effective,
            RecordedAt = time.GetUtcNow().UtcDateTime, RecordedBy = actor, Note = note,
        });
        household.SetPovertyStatus(status);
        return await SaveAsync(household, members, "poverty-status", ct);
    }

    public async Task<Api.HouseholdDetail> MoveCardAsync(Api.MoveCardRequest request, CancellationToken ct)
    {
        var (household, members) = await OpenAsync(request.Household, ct);
        _ = Lookups.Actor(request.Actor);
        _ = Lookups.Note(request.Reason, "reason");
        var card = Input.Code(request.CardNumber, "card_number", "card number");
        if (household.CardNumber == card)
        {
            throw DomainException.Precondition("CARD_UNCHANGED", $"Household {household.Number} already has card {card}.");
        }

        var holder = await db.Households.FirstOrDefaultAsync(h => h.VillageCode == household.VillageCode && h.CardNumber == card, ct);
        if (holder is not null)
        {
            if (holder.Status == HouseholdStatus.Active)
            {
                throw DomainException.Precondition("CARD_IN_USE",
                    $"Card {card} opens household {holder.Number}, which is active; give that household another card first.",
                    ("card_number", card), ("household_number", holder.Number));
            }

            // A merged household's card moves with its members: the merged household keeps no card.
            holder.CardNumber = null;
            holder.Version++;
            await db.SaveChangesAsync(ct);
            db.AddEvent(views.Changed(holder, [], "card-moved", await views.MergedIntoNumberAsync(holder, ct)));
        }

        household.CardNumber = card;
        return await SaveAsync(household, members, "card-moved", ct);
    }

    /// <summary>The active household, tracked, with its active members.</summary>
    private async Task<(Household Household, List<HouseholdMember> Members)> OpenAsync(Api.HouseholdRef? reference, CancellationToken ct)
    {
        var found = await lookups.HouseholdAsync(reference, ct);
        db.Households.Attach(found);
        var members = await views.ActiveMembers(found.Id).ToListAsync(ct);
        return (found, members);
    }

    private static HouseholdMember Member(Household household, List<HouseholdMember> members, long memberId) =>
        members.FirstOrDefault(m => m.Id == memberId) ?? throw MemberNotFound(household, memberId, "member_id");

    private static DomainException MemberNotFound(Household household, long memberId, string field) =>
        DomainException.NotFound("HOUSEHOLD_MEMBER_NOT_FOUND",
            $"Household {household.Number} has no member {memberId} now; look the household up again for its members' ids.",
            (field, memberId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("household_number", household.Number));

    private async Task EnsureIdFreeAsync(string village, string? id, long? exceptMemberId, CancellationToken ct)
    {
        if (id is null)
        {
            return;
        }

        var holder = await db.HouseholdMembers.AsNoTracking()
            .Where(m => m.VillageCode == village && m.IdCardNumber == id && m.RemovedAt == null && m.Id != exceptMemberId)
            .Join(db.Households, m => m.HouseholdId, h => h.Id, (m, h) => h.Number).FirstOrDefaultAsync(ct);
        if (holder is not null)
        {
            throw DomainException.Precondition("ID_CARD_NUMBER_IN_USE",
                $"This ID card number belongs to a member of household {holder}; remove him or her there first (a person is a member of one household).",
                ("household_number", holder));
        }
    }

    private static DateOnly EffectiveOn(string? text, DateOnly today)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return today;
        }

        if (!DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            || day.Year < 1980)
        {
            throw DomainException.Invalid("EFFECTIVE_ON_INVALID", "Write the day the status took effect as yyyy-MM-dd, for example 2026-07-01 (empty for today).", "effective_on");
        }

        return day <= today ? day
            : throw DomainException.Invalid("EFFECTIVE_ON_IN_FUTURE",
                $"The status can be recorded once it has taken effect; {MemberInput.Day(day)} is after today ({MemberInput.Day(today)}).", "effective_on");
    }

    /// <summary>Keeps the count and the oldest birth date from the members, once any are recorded.</summary>
    private static void Recount(Household household, List<HouseholdMember> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        household.MemberCount = members.Count;
        household.OldestMemberBornOn = members.Min(m => m.BornOn);
        household.HasMemberOver70 = false;
    }

    private async Task<Api.HouseholdDetail> SaveAsync(Household household, List<HouseholdMember> members, string change, CancellationToken ct)
    {
        household.Version++;
        db.AddEvent(views.Changed(household, members, change, null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Precondition("HOUSEHOLD_CHANGED_MEANWHILE",
                $"Household {household.Number} was changed by someone else at the same moment; look it up again and repeat the change.",
                ("household_number", household.Number));
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Both changes passed the check for a free ID card number or card; the index let one in.
            throw DomainException.Precondition("HOUSEHOLD_CHANGED_MEANWHILE",
                $"A change made at the same moment took this ID card number or card number; look household {household.Number} up again and repeat the change.",
                ("household_number", household.Number));
        }

        return await views.DetailAsync(household, ct);
    }
}
