using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.FaultRunner;

/// <summary>
/// The run's load through the services' APIs, every choice drawn from the seed: a setup
/// (villages, households, the panel, an opening monthly sheet posted, a supermarket with 16
/// counters and too little stock), then side by side until told to stop: 16 counters redeeming
/// for households with too few points, returns, the panel's awards and a second monthly sheet,
/// holds captured, released or left to expire, households registered late and merged.
/// </summary>
internal sealed class Load(Deployment deployment, RunPlan plan, Calls calls, Books books, IDistributionScenario distribution, TextWriter log)
{
    private static readonly string[] Members = ["m1", "m2", "m3"];
    private static readonly string[] OpeningRules = ["SIMPLE-CEREMONY", "DISASTER-DUTY"];
    private readonly ConcurrentDictionary<(string Village, string Number), byte> redeemable = new();
    private readonly string supermarket = $"SM{plan.Seed}";

    private ScoringApi.Households.HouseholdsClient Households => new(deployment.Scoring);

    private ScoringApi.Awards.AwardsClient Awards => new(deployment.Scoring);

    private ScoringApi.Ledger.LedgerClient Ledger => new(deployment.Scoring);

    private Counter.CounterClient Counter => new(deployment.Redemption);

    private string Period(int monthsBack) => DateTime.UtcNow.AddMonths(-monthsBack).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task SetUpAsync(CancellationToken ct)
    {
        var villages = new ScoringApi.Villages.VillagesClient(deployment.Scoring);
        var panels = new ScoringApi.Panels.PanelsClient(deployment.Scoring);
        for (var v = 0; v < RunPlan.Villages; v++)
        {
            var village = plan.Village(v);
            await Must($"register village {village}", o => villages.RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
            {
                IdempotencyKey = "village-" + village, Code = village, Name = $"Village {v + 1}", Township = "Fault township", County = "Fault County",
            }, o));
            var request = new ScoringApi.RegisterHouseholdsRequest { IdempotencyKey = "households-" + village, VillageCode = village, Actor = "runner" };
            request.Households.Add(Enumerable.Range(1, plan.HouseholdsPerVillage).Concat([901, 902, 903]).Select(n => new ScoringApi.NewHousehold
            {
                HouseholdNumber = RunPlan.Household(n), HeadName = $"Head {v + 1}-{n}", MemberCount = 1 + n % 5,
            }));
            await Must($"register households of {village}", o => Households.RegisterHouseholdsAsync(request, o));
            for (var m = 0; m < Members.Length; m++)
            {
                var member = new ScoringApi.PanelMember
                {
                    MemberId = Members[m], Name = $"Member {m + 1}", Role = ScoringApi.PanelRole.VillagersRepresentative, HouseholdNumber = RunPlan.Household(901 + m),
                };
                await Must($"panel member {m}", o => panels.SetPanelMemberAsync(new ScoringApi.SetPanelMemberRequest
                {
                    IdempotencyKey = $"panel-{village}-{m}", VillageCode = village, Actor = "runner", Member = member,
                }, o));
            }

            await Must("panel rules", o => panels.SetPanelRulesAsync(new ScoringApi.SetPanelRulesRequest
            {
                IdempotencyKey = "rules-" + village, VillageCode = village, Actor = "runner", Rules = new ScoringApi.PanelRules { ProposerMayApprove = true },
            }, o));

            // The opening points: a monthly sheet of last month, approved, its notice window passed, posted.
            await SheetAsync(village, Period(1), OpeningRules[..plan.OpeningLines], Enumerable.Range(1, plan.HouseholdsPerVillage).ToList(), "opening");
        }

        // Redemption learns of the villages and households over RabbitMQ.
        var expected = RunPlan.Villages * (plan.HouseholdsPerVillage + 3);
        for (var deadline = DateTime.UtcNow.AddSeconds(120); ; await Task.Delay(500, ct))
        {
            var known = await Sql.ScalarAsync(deployment.Infra.ConnectionString(deployment.RedemptionDb), "SELECT count(*) FROM households");
            var learned = await Sql.ScalarAsync(deployment.Infra.ConnectionString(deployment.RedemptionDb), "SELECT count(*) FROM known_villages");
            if (known >= expected && learned >= RunPlan.Villages)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Redemption knows {known} of {expected} households after 120 s.");
            }
        }

        for (var v = 0; v < RunPlan.Villages; v++)
        {
            for (var n = 1; n <= plan.HouseholdsPerVillage; n++)
            {
                redeemable[(plan.Village(v), RunPlan.Household(n))] = 0;
            }
        }

        var supermarkets = new Supermarkets.SupermarketsClient(deployment.Redemption);
        var register = new RegisterSupermarketRequest { Code = supermarket, Name = "Fault supermarket" };
        register.VillageCodes.Add(Enumerable.Range(0, RunPlan.Villages).Select(plan.Village));
        register.CounterCodes.Add(Enumerable.Range(1, RunPlan.Counters).Select(CounterCode));
        await Must("register supermarket", o => supermarkets.RegisterSupermarketAsync(register, o), alreadyOk: true);
        await Must("the supermarket is there", o => supermarkets.GetSupermarketAsync(new GetSupermarketRequest { Code = supermarket }, o));
        var goods = new Goods.GoodsClient(deployment.Redemption);
        var stock = new Stock.StockClient(deployment.Redemption);
        foreach (var (sku, price) in RunPlan.Items)
        {
            await Must("define " + sku, o => goods.DefineItemAsync(new DefineItemRequest
            {
                IdempotencyKey = "define-" + sku, SupermarketCode = supermarket, Sku = sku, Name = sku.ToLowerInvariant(), Unit = "piece", PricePoints = price, Actor = "runner",
            }, o));
            // Two lots each: first-expiring-first has a choice to make.
            var total = plan.Stock[sku];
            foreach (var (part, lot) in new[] { (total / 2, 1), (total - total / 2, 2) })
            {
                await Must($"donate {sku} {lot}", o => stock.ReceiveDonationAsync(new ReceiveDonationRequest
                {
                    IdempotencyKey = $"donate-{sku}-{lot}", SupermarketCode = supermarket, Sku = sku, Quantity = part, DonorName = "Fault donor",
                    DonorKind = DonorKind.Company, ValueFen = part * 100, BestBefore = $"2030-0{lot}-01", Actor = "runner",
                }, o));
            }
        }

        await distribution.SetUpAsync(deployment, plan, calls, ct);
    }

    /// <summary>Every worker until <paramref name="stop"/>; each finishes the call it is in (sending it again while unanswered).</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
        Enumerable.Range(0, RunPlan.Counters).Select(c => Task.Run(() => CounterAsync(c, stop), CancellationToken.None))
            .Append(Task.Run(() => PanelAsync(stop), CancellationToken.None))
            .Append(Task.Run(() => HouseholdsAsync(stop), CancellationToken.None))
            .Append(Task.Run(() => HoldsAsync(stop), CancellationToken.None))
            .Append(Task.Run(() => distribution.RunAsync(deployment, plan, calls, stop), CancellationToken.None)));

    private string CounterCode(int n) => $"{supermarket}-C{n:00}";

    private Random Worker(int n) => new(plan.Seed * 1000 + n);

    private async Task CounterAsync(int c, CancellationToken stop)
    {
        var random = Worker(c);
        var mine = new List<string>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            await Pause(random, 100, 400, stop);
            if (mine.Count > 0 && random.NextDouble() < plan.ReturnRate)
            {
                await ReturnAsync(random, mine[random.Next(mine.Count)], $"fr{plan.Seed}-c{c}-r{i}");
                continue;
            }

            var households = redeemable.Keys.Where(h => !books.Merged.Contains(h.Village + "/" + h.Number)).OrderBy(h => h).ToList();
            var (village, number) = households[random.Next(households.Count)];
            var request = new RedeemRequest
            {
                OrderId = $"fr{plan.Seed}-c{c}-o{i}", CounterCode = CounterCode(c + 1), VillageCode = village, HouseholdNumber = number, Actor = $"clerk {c + 1}",
            };
            var first = random.Next(RunPlan.Items.Length);
            request.Lines.Add(new RedeemLine { Sku = RunPlan.Items[first].Sku, Quantity = random.Next(1, 3) });
            if (random.Next(3) == 0)
            {
                request.Lines.Add(new RedeemLine { Sku = RunPlan.Items[(first + 1 + random.Next(RunPlan.Items.Length - 1)) % RunPlan.Items.Length].Sku, Quantity = 1 });
            }

            var abandon = random.NextDouble() < plan.AbandonRate;
            var abandonAfter = TimeSpan.FromMilliseconds(random.Next(1, 40));
            var sendAgain = random.Next(2) == 0;
            var (outcome, receipt, reason) = await calls.SendAsync($"redeem {request.OrderId}", o => Counter.RedeemAsync(request, o),
                abandon ? abandonAfter : null, sendAgain);
            books.Orders[request.OrderId] = (outcome, receipt, reason);
            if (receipt is { Status: OrderStatus.Completed })
            {
                mine.Add(request.OrderId);
            }
        }
    }

    private async Task ReturnAsync(Random random, string orderId, string returnId)
    {
        var receipt = books.Orders[orderId].Receipt!;
        var line = receipt.Lines[random.Next(receipt.Lines.Count)];
        var request = new ReturnGoodsRequest { ReturnId = returnId, OrderId = orderId, Reason = "changed mind", Actor = "clerk" };
        request.Lines.Add(new RedeemLine { Sku = line.Sku, Quantity = 1 });
        var abandon = random.NextDouble() < plan.AbandonRate;
        var (outcome, answer, _) = await calls.SendAsync($"return {returnId}", o => Counter.ReturnGoodsAsync(request, o),
            abandon ? TimeSpan.FromMilliseconds(random.Next(1, 40)) : null, sendAgainAfterAbandon: true);
        books.Returns[returnId] = (orderId, outcome, answer?.PointsRefunded ?? 0);
    }

    private async Task PanelAsync(CancellationToken stop)
    {
        var random = Worker(100);
        var every = plan.LoadFor / (plan.Proposals + 1);
        var sheetAt = plan.Proposals / 2;
        for (var i = 0; i < plan.Proposals && !stop.IsCancellationRequested; i++)
        {
            await Pause(every, stop);
            var village = plan.Village(random.Next(RunPlan.Villages));
            var household = RunPlan.Household(random.Next(1, plan.HouseholdsPerVillage + 1));
            var rule = random.Next(2) == 0 ? "SIMPLE-CEREMONY" : "DISASTER-DUTY";
            var proposer = Members[random.Next(Members.Length)];
            var (outcome, proposal, _) = await calls.SendAsync($"propose {i}", o => Awards.ProposeAsync(new ScoringApi.ProposeRequest
            {
                IdempotencyKey = $"fr{plan.Seed}-p{i}", VillageCode = village, HouseholdNumber = household, RuleCode = rule, ProposedBy = proposer, Note = "seen by the panel",
            }, o), random.NextDouble() < plan.AbandonRate ? TimeSpan.FromMilliseconds(random.Next(1, 40)) : null);
            Interlocked.Increment(ref books.Proposals);
            if (outcome == Outcome.Done)
            {
                await ApproveAsync(proposal!, i);
            }

            if (i % 5 == 4)
            {
                await PostDueAsync(village);
            }

            if (i == sheetAt)
            {
                // The second village's sheet of two months ago, on a monthly-capped rule.
                // Merged households are no longer active: a sheet naming one is refused whole (SHEET_INVALID).
                var lines = Enumerable.Range(1, plan.HouseholdsPerVillage).Where(_ => random.Next(3) > 0)
                    .Where(n => !books.Merged.Contains(plan.Village(1) + "/" + RunPlan.Household(n))).ToList();
                await SheetAsync(plan.Village(1), Period(2), ["TIDY-HOME"], lines, $"fr{plan.Seed}-sheet2");
            }
        }

        for (var v = 0; v < RunPlan.Villages; v++)
        {
            await PostDueAsync(plan.Village(v));
        }
    }

    private async Task ApproveAsync(ScoringApi.Proposal proposal, int i)
    {
        foreach (var member in Members)
        {
            if (proposal.Status == ScoringApi.ProposalStatus.OnNotice)
            {
                return;
            }

            var (outcome, approved, _) = await calls.SendAsync($"approve {proposal.Id} {member}", o => Awards.ApproveAsync(new ScoringApi.ApproveRequest
            {
                IdempotencyKey = $"fr{plan.Seed}-p{i}-{member}", ProposalId = proposal.Id, MemberId = member,
            }, o));
            if (outcome != Outcome.Done)
            {
                return;
            }

            proposal = approved!;
        }
    }

    /// <summary>A monthly sheet with a line per household and rule, approved by the panel, its notice passed, posted.</summary>
    private async Task SheetAsync(string village, string period, string[] rules, List<int> households, string key)
    {
        var request = new ScoringApi.SubmitSheetRequest { IdempotencyKey = key + "-" + village, VillageCode = village, Period = period, SubmittedBy = "m1" };
        foreach (var rule in rules)
        {
            request.Lines.Add(households.Select(n => new ScoringApi.SheetLine { HouseholdNumber = RunPlan.Household(n), RuleCode = rule, Note = "monthly sheet" }));
        }

        var (outcome, sheet, reason) = await calls.SendAsync($"sheet {key} {village}", o => Awards.SubmitSheetAsync(request, o));
        if (outcome != Outcome.Done)
        {
            await log.WriteLineAsync($"sheet {key} of {village}: {outcome} {reason}");
            return;
        }

        Interlocked.Increment(ref books.Sheets);
        foreach (var member in Members)
        {
            await calls.SendAsync($"approve sheet {sheet!.Id} {member}", o => Awards.ApproveSheetAsync(new ScoringApi.ApproveSheetRequest
            {
                IdempotencyKey = $"{key}-{village}-{member}", SheetId = sheet.Id, MemberId = member,
            }, o));
        }

        await PostDueAsync(village);
    }

    /// <summary>
    /// The notice window (days long) passes: what stands on notice is moved to a window that has
    /// closed (SQL: the one step that is not an API call), then posted through Awards/PostDue.
    /// </summary>
    private async Task PostDueAsync(string village)
    {
        await RetrySqlAsync(() => Sql.ExecuteAsync(deployment.Infra.ConnectionString(deployment.ScoringDb), """
            UPDATE proposals SET notice_ends_at = now() - interval '1 second' WHERE village_code = @v AND status = 2;
            UPDATE notice_board SET notice_ends_at = now() - interval '1 second' WHERE village_code = @v;
            """, ("v", village)));
        var (outcome, posted, _) = await calls.SendAsync($"post due {village}", o => Awards.PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = village }, o));
        Interlocked.Increment(ref books.PostDueCalls);
        if (outcome == Outcome.Done)
        {
            Interlocked.Add(ref books.ProposalsPosted, posted!.Posted);
        }
    }

    private async Task HouseholdsAsync(CancellationToken stop)
    {
        var random = Worker(200);
        var steps = (plan.LateHouseholds + 4) / 5 + plan.Merges;
        var every = plan.LoadFor / (steps + 1);
        var next = plan.HouseholdsPerVillage + 1;
        var merges = 0;
        while (!stop.IsCancellationRequested && (next <= plan.HouseholdsPerVillage + plan.LateHouseholds || merges < plan.Merges))
        {
            await Pause(every, stop);
            var village = plan.Village(random.Next(RunPlan.Villages));
            if (merges < plan.Merges && (random.Next(2) == 0 || next > plan.HouseholdsPerVillage + plan.LateHouseholds))
            {
                merges++;
                var source = random.Next(1, plan.HouseholdsPerVillage + 1);
                var target = random.Next(1, plan.HouseholdsPerVillage + 1);
                if (source == target || books.Merged.Contains(village + "/" + RunPlan.Household(target)))
                {
                    continue;
                }

                var (outcome, _, reason) = await calls.SendAsync($"merge {village} {source}->{target}", o => Households.MergeHouseholdsAsync(new ScoringApi.MergeHouseholdsRequest
                {
                    IdempotencyKey = $"fr{plan.Seed}-merge-{merges}", Source = new ScoringApi.HouseholdRef { VillageCode = village, HouseholdNumber = RunPlan.Household(source) },
                    TargetHouseholdNumber = RunPlan.Household(target), Actor = "runner", Reason = "families joined",
                }, o), random.NextDouble() < plan.AbandonRate ? TimeSpan.FromMilliseconds(random.Next(1, 40)) : null);
                if (outcome == Outcome.Done)
                {
                    books.Merged.Add(village + "/" + RunPlan.Household(source));
                }
                else
                {
                    await log.WriteLineAsync($"merge {village} {source}->{target}: {outcome} {reason}");
                }

                continue;
            }

            var batch = Enumerable.Range(next, Math.Min(5, plan.HouseholdsPerVillage + plan.LateHouseholds - next + 1)).ToList();
            next += batch.Count;
            var request = new ScoringApi.RegisterHouseholdsRequest { IdempotencyKey = $"fr{plan.Seed}-late-{batch[0]}", VillageCode = village, Actor = "runner" };
            request.Households.Add(batch.Select(n => new ScoringApi.NewHousehold { HouseholdNumber = RunPlan.Household(n), HeadName = $"Late head {n}", MemberCount = 2 }));
            var (registered, _, _) = await calls.SendAsync($"register late {batch[0]}", o => Households.RegisterHouseholdsAsync(request, o),
                random.NextDouble() < plan.AbandonRate ? TimeSpan.FromMilliseconds(random.Next(1, 40)) : null);
            if (registered == Outcome.Done)
            {
                Interlocked.Add(ref books.Registered, batch.Count);
                foreach (var n in batch)
                {
                    // No points yet: their redemptions are refused, until Redemption knows them NOT_FOUND.
                    redeemable[(village, RunPlan.Household(n))] = 0;
                }
            }
        }
    }

    private async Task HoldsAsync(CancellationToken stop)
    {
        var random = Worker(300);
        var every = plan.LoadFor / (plan.Holds + 1);
        for (var i = 0; i < plan.Holds && !stop.IsCancellationRequested; i++)
        {
            await Pause(every, stop);
            var id = $"fr{plan.Seed}-hold-{i}";
            var household = new ScoringApi.HouseholdRef
            {
                VillageCode = plan.Village(random.Next(RunPlan.Villages)), HouseholdNumber = RunPlan.Household(random.Next(1, plan.HouseholdsPerVillage + 1)),
            };
            var request = new ScoringApi.HoldRequest { HoldId = id, Household = household, Points = random.Next(1, 11), TtlSeconds = random.Next(2, 9), Actor = "runner" };
            var then = random.Next(10) switch { < 4 => "capture", < 7 => "release", _ => "expire" };
            var wait = TimeSpan.FromMilliseconds(random.Next(0, 1500));
            var abandon = random.NextDouble() < plan.AbandonRate;
            var (held, _, _) = await calls.SendAsync($"hold {id}", o => Ledger.HoldAsync(request, o), abandon ? TimeSpan.FromMilliseconds(random.Next(1, 40)) : null);
            var thenOutcome = Outcome.Unknown;
            ScoringApi.HoldResponse? answer = null;
            if (held == Outcome.Done && then != "expire")
            {
                await Task.Delay(wait, CancellationToken.None);
                (thenOutcome, answer, _) = then == "capture"
                    ? await calls.SendAsync($"capture {id}", o => Ledger.CaptureAsync(new ScoringApi.CaptureRequest { HoldId = id, Actor = "runner" }, o))
                    : await calls.SendAsync($"release {id}", o => Ledger.ReleaseAsync(new ScoringApi.ReleaseRequest { HoldId = id, Actor = "runner" }, o));
            }

            books.Holds[id] = (held, then, thenOutcome, (int)(answer?.Status ?? ScoringApi.HoldStatus.Unspecified));
        }
    }

    private async Task Must<T>(string what, Func<Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<T>> call, bool alreadyOk = false)
        where T : class
    {
        var (outcome, _, reason) = await calls.SendAsync(what, call);
        if (outcome != Outcome.Done && !(alreadyOk && outcome == Outcome.Refused))
        {
            throw new InvalidOperationException($"setup: {what}: {outcome} {reason}");
        }
    }

    private async Task RetrySqlAsync(Func<Task> action)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(150); !calls.IsAborted; await Task.Delay(500))
        {
            try
            {
                await action();
                return;
            }
            catch (Exception ex) when ((ex is NpgsqlException or TimeoutException or IOException) && DateTime.UtcNow < deadline)
            {
                // The database is down (a fault of the run): again when it is back.
            }
        }
    }

    private static Task Pause(Random random, int fromMs, int toMs, CancellationToken stop) => Pause(TimeSpan.FromMilliseconds(random.Next(fromMs, toMs)), stop);

    private static async Task Pause(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the worker's loop ends.
        }
    }
}
