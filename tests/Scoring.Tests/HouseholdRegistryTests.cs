using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>Households as villages keep them (issue 18): members, head, poverty status, card, search.</summary>
public sealed class HouseholdRegistryTests : IAsyncLifetime
{
    // The host's clock starts on 2026-11-10 (China time): she turns 70 two days later.
    private static readonly string GrandmotherId = IdNumbers.Of("1956-11-12", 24);
    private static readonly string HeadId = IdNumbers.Of("1980-05-04", 13);
    private static readonly string DaughterId = IdNumbers.Of("2008-09-30", 42);

    private ScoringHost host = null!;

    public async Task InitializeAsync()
    {
        host = await ScoringHost.StartAsync();
        await host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "register-301", VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Households =
            {
                new NewHousehold
                {
                    HouseholdNumber = "301", HeadName = "张建国", CardNumber = "C-301", PovertyRegistered = true,
                    Members =
                    {
                        new NewMember { Name = "张建国", Relation = MemberRelation.Head, BornOn = "1980-05-04", IdCardNumber = HeadId },
                        new NewMember { Name = "李桂兰", Relation = MemberRelation.Parent, BornOn = "1956-11-12", IdCardNumber = GrandmotherId.ToLowerInvariant() },
                    },
                },
            },
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Registered_members_give_the_count_and_are_answered_with_their_id_numbers_masked()
    {
        var detail = await host.Households.GetHouseholdDetailAsync(ScoringHost.Household("301"));

        Assert.Equal(2, detail.Household.MemberCount);
        Assert.Equal("C-301", detail.Household.CardNumber);
        Assert.Equal(PovertyStatus.Registered, detail.Household.PovertyStatus);
        Assert.True(detail.Household.PovertyRegistered);
        Assert.Equal(["张建国", "李桂兰"], detail.Members.Select(m => m.Name));
        Assert.Equal(MemberRelation.Head, detail.Members[0].Relation);
        Assert.Equal(IdNumbers.Masked(GrandmotherId), detail.Members[1].IdCardNumberMasked);
        Assert.Equal("410522********" + GrandmotherId[14..], detail.Members[1].IdCardNumberMasked);
        Assert.Equal(69, detail.Members[1].Age);
        Assert.DoesNotContain(GrandmotherId, detail.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(HeadId, detail.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Single(detail.PovertyHistory, c => c.Status == PovertyStatus.Registered && c.EffectiveOn == "2026-11-10" && c.RecordedBy == "clerk Zhou");
    }

    [Fact]
    public async Task Someone_over_70_is_derived_from_birth_dates_on_the_day_asked()
    {
        Assert.False((await host.Households.GetHouseholdAsync(ScoringHost.Household("301"))).HasMemberOver70);

        host.Clock.Advance(TimeSpan.FromDays(1)); // 2026-11-11, 16:00 in the village: still 69
        Assert.False((await host.Households.GetHouseholdAsync(ScoringHost.Household("301"))).HasMemberOver70);

        host.Clock.Advance(TimeSpan.FromHours(16)); // 2026-11-12 00:00 in the village: her 70th birthday
        Assert.True((await host.Households.GetHouseholdAsync(ScoringHost.Household("301"))).HasMemberOver70);
        var listed = await host.Households.ListHouseholdsAsync(new ListHouseholdsRequest { VillageCode = ScoringHost.Village, PageSize = 100 });
        Assert.True(listed.Households.Single(h => h.HouseholdNumber == "301").HasMemberOver70);
        Assert.Equal(70, (await host.Households.GetHouseholdDetailAsync(ScoringHost.Household("301"))).Members[1].Age);
    }

    [Fact]
    public async Task With_members_given_the_typed_over_70_flag_and_a_wrong_count_are_refused_and_bad_ids_named_without_the_number()
    {
        var badId = IdNumbers.WithWrongCheck(IdNumbers.Of("1950-01-01", 7));
        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "HOUSEHOLDS_INVALID", () => host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Households =
            {
                new NewHousehold
                {
                    HouseholdNumber = "302", HeadName = "赵一", MemberCount = 4, HasMemberOver70 = true, CardNumber = "C-301",
                    Members =
                    {
                        new NewMember { Name = "赵一", Relation = MemberRelation.Head, BornOn = "1950-01-01", IdCardNumber = badId },
                        new NewMember { Name = "赵二", Relation = MemberRelation.Child, BornOn = "1975-02-30" },
                        new NewMember { Name = "赵三", Relation = MemberRelation.Child, BornOn = "1977-01-01", IdCardNumber = GrandmotherId },
                    },
                },
            },
        }).ResponseAsync);

        var violations = ex.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("households[0].member_count", violations);
        Assert.Contains("households[0].has_member_over_70", violations);
        Assert.Contains("households[0].card_number", violations);
        Assert.Contains("households[0].members[0]", violations);
        Assert.Contains("households[0].members[1]", violations);
        Assert.Contains("households[0].members[2].id_card_number", violations);
        var descriptions = string.Join(" ", ex.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Description));
        Assert.Contains("check digit", descriptions, StringComparison.Ordinal);
        Assert.Contains("belongs to a member of another household", descriptions, StringComparison.Ordinal);
        Assert.DoesNotContain(badId[..14], descriptions + ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(GrandmotherId[..14], descriptions + ex.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND", () => host.Households.GetHouseholdAsync(ScoringHost.Household("302")).ResponseAsync);
    }

    [Fact]
    public async Task Adding_a_member_is_applied_once_per_key_audited_with_the_id_masked_and_published()
    {
        var request = new AddMemberRequest
        {
            IdempotencyKey = "add-daughter", Household = ScoringHost.Household("301"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "张小红", Relation = MemberRelation.Child, BornOn = "2008-09-30", IdCardNumber = DaughterId },
        };
        var first = await host.Households.AddMemberAsync(request);
        var again = await host.Households.AddMemberAsync(request);

        Assert.Equal(first, again);
        Assert.Equal(3, first.Household.MemberCount);
        Assert.Equal(3, first.Members.Count);
        Assert.Equal(2, first.Household.Version);
        request.Member.Name = "张小兰";
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED", () => host.Households.AddMemberAsync(request).ResponseAsync);

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var audit = await db.AuditRecords.AsNoTracking().Where(r => r.Method.EndsWith("/AddMember")).ToListAsync();
        Assert.Equal(2, audit.Count(r => r.Outcome == "OK" && r.RequestId == "add-daughter"));
        Assert.All(audit, r => Assert.Contains(IdNumbers.Masked(DaughterId)[..10], r.KeyFields, StringComparison.Ordinal));
        Assert.DoesNotContain(audit, r => r.KeyFields.Contains(DaughterId, StringComparison.OrdinalIgnoreCase));

        var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains("HouseholdChanged")).ToListAsync();
        var changed = Assert.Single(events);
        using var payload = JsonDocument.Parse(changed.Payload);
        Assert.Equal(2, Property(payload.RootElement, "version").GetInt64());
        Assert.Equal(3, Property(payload.RootElement, "memberBirthDates").GetArrayLength());
        Assert.Equal("C-301", Property(payload.RootElement, "cardNumber").GetString());
        Assert.DoesNotContain(await db.OutboxMessages.AsNoTracking().Select(m => m.Payload).ToListAsync(),
            p => p.Contains(DaughterId[6..14] + DaughterId[14..], StringComparison.OrdinalIgnoreCase) || p.Contains(GrandmotherId, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Members_change_and_leave_and_the_head_changes_with_refusals_that_say_what_to_do()
    {
        var detail = await host.Households.GetHouseholdDetailAsync(ScoringHost.Household("301"));
        var head = detail.Members[0];
        var grandmother = detail.Members[1];

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HEAD_CANNOT_LEAVE", () => host.Households.RemoveMemberAsync(new RemoveMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), MemberId = head.MemberId, Actor = "clerk Zhou",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HEAD_ALREADY_RECORDED", () => host.Households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "张三", Relation = MemberRelation.Head, BornOn = "1990-01-01" },
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ID_CARD_NUMBER_CHECK_FAILED", () => host.Households.UpdateMemberAsync(new UpdateMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), MemberId = grandmother.MemberId, Actor = "clerk Zhou",
            Member = new NewMember { Name = "李桂兰", Relation = MemberRelation.Parent, BornOn = "1956-11-12", IdCardNumber = IdNumbers.WithWrongCheck(GrandmotherId) },
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ID_CARD_NUMBER_INVALID", () => host.Households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "张四", Relation = MemberRelation.Child, BornOn = "2010-01-01", IdCardNumber = "41052220100101" },
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ID_CARD_NUMBER_IN_USE", () => host.Households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("002"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "李桂兰", Relation = MemberRelation.Parent, BornOn = "1956-11-12", IdCardNumber = GrandmotherId },
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_MEMBER_NOT_FOUND", () => host.Households.RemoveMemberAsync(new RemoveMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), MemberId = 999_999, Actor = "clerk Zhou",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "FORMER_HEAD_RELATION_REQUIRED", () => host.Households.ChangeHeadAsync(new ChangeHeadRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), NewHeadMemberId = grandmother.MemberId, Actor = "clerk Zhou",
        }).ResponseAsync);

        var changed = await host.Households.ChangeHeadAsync(new ChangeHeadRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), NewHeadMemberId = grandmother.MemberId,
            FormerHeadRelation = MemberRelation.Child, Actor = "clerk Zhou", Reason = "户主变更",
        });
        Assert.Equal("李桂兰", changed.Household.HeadName);
        Assert.Equal(MemberRelation.Head, changed.Members[0].Relation);
        Assert.Equal(MemberRelation.Child, changed.Members.Single(m => m.Name == "张建国").Relation);

        var corrected = await host.Households.UpdateMemberAsync(new UpdateMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), MemberId = head.MemberId, Actor = "clerk Zhou",
            Member = new NewMember { Name = "张建军", Relation = MemberRelation.Child, BornOn = "1981-05-04" },
        });
        var son = corrected.Members.Single(m => m.MemberId == head.MemberId);
        Assert.Equal(("张建军", "1981-05-04", IdNumbers.Masked(HeadId)), (son.Name, son.BornOn, son.IdCardNumberMasked));

        var removed = await host.Households.RemoveMemberAsync(new RemoveMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), MemberId = head.MemberId, Actor = "clerk Zhou", Reason = "迁出",
        });
        Assert.Equal(1, removed.Household.MemberCount);
        Assert.Single(removed.Members);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HEAD_CANNOT_LEAVE", () => host.Households.RemoveMemberAsync(new RemoveMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), MemberId = grandmother.MemberId, Actor = "clerk Zhou",
        }).ResponseAsync);

        // The removed member's ID number is free again: he may join another household.
        var joined = await host.Households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("002"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "张建军", Relation = MemberRelation.Other, BornOn = "1980-05-04", IdCardNumber = HeadId },
        });
        Assert.Equal(1, joined.Household.MemberCount);
        Assert.Equal(4, removed.Household.Version);
    }

    [Fact]
    public async Task Poverty_status_keeps_its_history_with_effective_dates()
    {
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "POVERTY_STATUS_UNCHANGED", () => Record(PovertyStatus.Registered, "2026-11-10"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EFFECTIVE_ON_IN_FUTURE", () => Record(PovertyStatus.LiftedOut, "2026-11-11"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EFFECTIVE_BEFORE_LAST", () => Record(PovertyStatus.LiftedOut, "2026-06-30"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EFFECTIVE_ON_INVALID", () => Record(PovertyStatus.LiftedOut, "2026/11/10"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "POVERTY_STATUS_REQUIRED", () => Record(PovertyStatus.Unspecified, "2026-11-10"));

        var lifted = await Record(PovertyStatus.LiftedOut, "2026-11-10");
        Assert.False(lifted.Household.PovertyRegistered);
        host.Clock.Advance(TimeSpan.FromDays(40));
        var monitored = await Record(PovertyStatus.Monitored, "");

        Assert.True(monitored.Household.Monitored);
        Assert.False(monitored.Household.PovertyRegistered);
        Assert.Equal(
            [(PovertyStatus.Registered, "2026-11-10"), (PovertyStatus.LiftedOut, "2026-11-10"), (PovertyStatus.Monitored, "2026-12-20")],
            monitored.PovertyHistory.Select(c => (c.Status, c.EffectiveOn)));
        Assert.Equal("复查监测", monitored.PovertyHistory[2].Note);
        var listed = await host.Households.ListHouseholdsAsync(new ListHouseholdsRequest { VillageCode = ScoringHost.Village, PageSize = 100 });
        Assert.Equal(PovertyStatus.Monitored, listed.Households.Single(h => h.HouseholdNumber == "301").PovertyStatus);

        Task<HouseholdDetail> Record(PovertyStatus status, string effectiveOn) => host.Households.RecordPovertyStatusAsync(new RecordPovertyStatusRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), Status = status, EffectiveOn = effectiveOn,
            Actor = "clerk Zhou", Note = "复查监测",
        }).ResponseAsync;
    }

    [Fact]
    public async Task A_card_moves_to_a_household_only_when_free_or_left_by_a_merged_household()
    {
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CARD_IN_USE", () => Move("004", "C-301"));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CARD_UNCHANGED", () => Move("301", "C-301"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "CARD_NUMBER_INVALID", () => Move("004", "card 4"));

        var moved = await Move("004", "C-004");
        Assert.Equal("C-004", moved.Household.CardNumber);

        await host.Households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("301"), TargetHouseholdNumber = "005", Actor = "clerk Zhou",
        });
        var target = await Move("005", "C-301");
        Assert.Equal("C-301", target.Household.CardNumber);
        Assert.Equal(3 + 2, target.Household.MemberCount);
        Assert.Equal(2, target.Members.Count(m => m.Name is "李桂兰" or "张建国"));
        var source = await host.Households.GetHouseholdAsync(ScoringHost.Household("301"));
        Assert.Equal(("", HouseholdStatus.Merged, "005"), (source.CardNumber, source.Status, source.MergedIntoHouseholdNumber));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED", () => Move("301", "C-999"));

        Task<HouseholdDetail> Move(string household, string card) => host.Households.MoveCardAsync(new MoveCardRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household(household), CardNumber = card, Actor = "clerk Zhou", Reason = "换卡",
        }).ResponseAsync;
    }

    [Fact]
    public async Task A_merge_publishes_both_households_so_copies_show_the_source_merged()
    {
        await host.Households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("301"), TargetHouseholdNumber = "006", Actor = "clerk Zhou",
        });

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var events = (await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains("HouseholdChanged")).OrderBy(m => m.Sequence).ToListAsync())
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(2, events.Count);
        var source = events.Single(e => Property(e, "householdNumber").GetString() == "301");
        Assert.True(Property(source, "merged").GetBoolean());
        Assert.Equal("006", Property(source, "mergedIntoHouseholdNumber").GetString());
        Assert.Equal(2, Property(source, "version").GetInt64());
        var target = events.Single(e => Property(e, "householdNumber").GetString() == "006");
        Assert.Equal(5, Property(target, "memberCount").GetInt32());
        Assert.Equal(2, Property(target, "memberBirthDates").GetArrayLength());
    }

    [Fact]
    public async Task A_split_takes_the_members_named_to_the_new_household_and_publishes_both()
    {
        var added = await host.Households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("301"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "张小红", Relation = MemberRelation.Child, BornOn = "2000-09-30", IdCardNumber = DaughterId },
        });
        var daughter = added.Members.Single(m => m.Name == "张小红");
        var head = added.Members.Single(m => m.Relation == MemberRelation.Head);
        SplitHouseholdRequest Split(string headName, params long[] moving) => new()
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("301"), Actor = "clerk Zhou", Reason = "出嫁分户",
            NewHousehold = new NewHousehold { HouseholdNumber = "303", HeadName = headName, CardNumber = "C-303" },
            MovingMemberIds = { moving },
        };

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HEAD_CANNOT_LEAVE", () => host.Households.SplitHouseholdAsync(Split("张建国", head.MemberId)).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "NEW_HEAD_NOT_MOVING", () => host.Households.SplitHouseholdAsync(Split("王五", daughter.MemberId)).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_MEMBER_NOT_FOUND", () => host.Households.SplitHouseholdAsync(Split("张小红", daughter.MemberId, 999_999)).ResponseAsync);

        var split = await host.Households.SplitHouseholdAsync(Split("张小红", daughter.MemberId));

        Assert.Equal((2, 1), (split.Source.MemberCount, split.NewHousehold.MemberCount));
        var created = await host.Households.GetHouseholdDetailAsync(ScoringHost.Household("303"));
        var moved = Assert.Single(created.Members);
        Assert.Equal(("张小红", MemberRelation.Head, IdNumbers.Masked(DaughterId)), (moved.Name, moved.Relation, moved.IdCardNumberMasked));
        Assert.Equal("C-303", created.Household.CardNumber);
        Assert.DoesNotContain((await host.Households.GetHouseholdDetailAsync(ScoringHost.Household("301"))).Members, m => m.Name == "张小红");

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var changes = (await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains("HouseholdChanged")).OrderBy(m => m.Sequence).ToListAsync())
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).Select(e => (Property(e, "householdNumber").GetString(), Property(e, "change").GetString(), Property(e, "memberCount").GetInt32()))
            .ToList();
        Assert.Equal([("301", "member-added", 3), ("301", "split", 2), ("303", "split-from", 1)], changes);
    }

    [Fact]
    public async Task Households_are_found_by_number_card_id_number_and_names_in_characters_pinyin_and_initials_paged()
    {
        await host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Households =
            {
                Enumerable.Range(1, 5).Select(i => new NewHousehold
                {
                    HouseholdNumber = $"40{i}", HeadName = $"王{"一二三四五"[i - 1]}", CardNumber = $"W-{i}",
                    Members = { new NewMember { Name = $"王{"一二三四五"[i - 1]}", Relation = MemberRelation.Head, BornOn = "1970-01-01" } },
                }),
            },
        });

        Assert.Equal(["301"], await Find("301"));
        Assert.Equal(["301"], await Find("C-301"));
        Assert.Equal(["301"], await Find(GrandmotherId.ToLowerInvariant()));
        Assert.Equal(["301"], await Find("桂兰"));
        Assert.Equal(["301"], await Find("lgl"));
        Assert.Equal(["301"], await Find("guilan"));
        Assert.Equal(["301"], await Find("zhang jian"));
        Assert.Equal(["001"], await Find("Xiulan"));
        Assert.Empty(await Find("410522" + "19560000"));

        var pages = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await host.Households.SearchHouseholdsAsync(new SearchHouseholdsRequest
            {
                VillageCode = ScoringHost.Village, Query = "wang", PageSize = 2, PageToken = token,
            });
            Assert.True(page.Households.Count <= 2);
            pages.AddRange(page.Households.Select(h => h.HouseholdNumber));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(["001", "401", "402", "403", "404", "405"], pages);

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "QUERY_INVALID", () => host.Households.SearchHouseholdsAsync(new SearchHouseholdsRequest
        {
            VillageCode = ScoringHost.Village, Query = new string('x', 40),
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND", () => host.Households.SearchHouseholdsAsync(new SearchHouseholdsRequest
        {
            VillageCode = "V9", Query = "wang",
        }).ResponseAsync);

        async Task<List<string>> Find(string query) => (await host.Households.SearchHouseholdsAsync(new SearchHouseholdsRequest
        {
            VillageCode = ScoringHost.Village, Query = query,
        })).Households.Select(h => h.HouseholdNumber).ToList();
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value
        : element.TryGetProperty("message", out var message) && message.TryGetProperty(name, out var inner) ? inner
        : throw new KeyNotFoundException($"{name} in {element}");
}
