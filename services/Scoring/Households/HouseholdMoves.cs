using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>
/// Members moving between households in a split or a merge, inside the caller's idempotent
/// write, with both households' HouseholdChanged events.
/// </summary>
internal sealed class HouseholdMoves(ScoringDb db, HouseholdViews views)
{
    /// <summary>The source's members named to leave with the new household, checked; empty when none are named.</summary>
    public async Task<List<HouseholdMember>> MovingMembersAsync(Household source, Api.SplitHouseholdRequest request, CancellationToken ct)
    {
        if (request.MovingMemberIds.Count == 0)
        {
            return [];
        }

        if (request.NewHousehold?.Members.Count > 0)
        {
            throw DomainException.Invalid("MEMBERS_MOVING_AND_LISTED",
                "Either name the members who move from the household or list the new household's members, not both.", "new_household.members");
        }

        var ids = request.MovingMemberIds.Distinct().ToList();
        var members = await views.ActiveMembers(source.Id).ToListAsync(ct);
        var moving = members.Where(m => ids.Contains(m.Id)).ToList();
        if (moving.Count != ids.Count)
        {
            var missing = ids.First(id => moving.All(m => m.Id != id));
            throw DomainException.NotFound("HOUSEHOLD_MEMBER_NOT_FOUND",
                $"Household {source.Number} has no member {missing} now; look the household up again for its members' ids.",
                ("member_id", missing.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("household_number", source.Number));
        }

        if (moving.FirstOrDefault(m => m.Relation == MemberRelation.Head) is { } head)
        {
            throw DomainException.Precondition("HEAD_CANNOT_LEAVE",
                $"{head.Name} is the head of household {source.Number}; make another member head (ChangeHead) before he or she leaves.");
        }

        if (moving.Count == members.Count)
        {
            throw DomainException.Precondition("LAST_MEMBER",
                $"Every recorded member of household {source.Number} would leave; a household keeps at least one member.");
        }

        var headName = request.NewHousehold?.HeadName?.Trim() ?? string.Empty;
        if (!moving.Any(m => m.Name == headName))
        {
            throw DomainException.Invalid("NEW_HEAD_NOT_MOVING",
                "The new household's head must be one of the members who move: name one of them as its head.", "new_household.head_name");
        }

        return moving;
    }

    /// <summary>The moving members join the new household; both households' changes are published.</summary>
    public async Task<Household> SplitMembersAsync(Household source, Household created, List<HouseholdMember> moving, CancellationToken ct)
    {
        var newHead = moving.First(m => m.Name == created.HeadName);
        foreach (var member in moving)
        {
            member.HouseholdId = created.Id;
            member.Relation = member == newHead ? MemberRelation.Head : member.Relation;
        }

        created.MemberCount = moving.Count;
        created.OldestMemberBornOn = moving.Min(m => m.BornOn);
        created.HasMemberOver70 = false;
        created.Version++;
        db.Households.Attach(source);
        var staying = await views.ActiveMembers(source.Id).Where(m => !moving.Select(x => x.Id).Contains(m.Id)).AsNoTracking().ToListAsync(ct);
        source.MemberCount = staying.Count;
        source.OldestMemberBornOn = staying.Min(m => m.BornOn);
        source.Version++;
        db.AddEvent(views.Changed(source, staying, "split", null));
        db.AddEvent(views.Changed(created, moving, "split-from", null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Precondition("HOUSEHOLD_CHANGED_MEANWHILE",
                $"Household {source.Number} was changed by someone else at the same moment; look it up again and repeat the split.");
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw DomainException.Precondition("HOUSEHOLD_CHANGED_MEANWHILE",
                $"A change made at the same moment took the new household's number, card or a member's ID card number; look household {source.Number} up again and repeat the split.");
        }

        return source;
    }

    /// <summary>
    /// Closes the source: its members join the target (its head as "other", to be corrected by
    /// the office), the target's count and oldest birth date follow, and both households'
    /// changes are published, so the counter shows the source as merged.
    /// </summary>
    public async Task<(Household Source, Household Target)> CloseAsync(Household source, Household target, CancellationToken ct)
    {
        db.Households.Attach(source);
        db.Households.Attach(target);
        var moving = await views.ActiveMembers(source.Id).ToListAsync(ct);
        foreach (var member in moving)
        {
            member.HouseholdId = target.Id;
            if (member.Relation == MemberRelation.Head)
            {
                member.Relation = MemberRelation.Other;
            }
        }

        target.MemberCount += source.MemberCount;
        target.HasMemberOver70 |= source.HasMemberOver70 && source.OldestMemberBornOn is null;
        target.OldestMemberBornOn = (target.OldestMemberBornOn, source.OldestMemberBornOn) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            (var a, var b) => a ?? b,
        };
        target.Version++;
        source.Status = HouseholdStatus.Merged;
        source.MergedIntoId = target.Id;
        source.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Precondition("HOUSEHOLD_CHANGED_MEANWHILE",
                $"Household {source.Number} or {target.Number} was changed by someone else at the same moment; look them up again and repeat the merge.");
        }

        var targetMembers = await views.ActiveMembers(target.Id).AsNoTracking().ToListAsync(ct);
        db.AddEvent(views.Changed(source, [], "merged", target.Number));
        db.AddEvent(views.Changed(target, targetMembers, "merged-in", null));
        await db.SaveChangesAsync(ct);
        return (source, target);
    }
}
