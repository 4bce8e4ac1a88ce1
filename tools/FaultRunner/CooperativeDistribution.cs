using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Platform.ServiceDefaults.Text;
using Platform.Testing;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.FaultRunner;

/// <summary>
/// A cooperative's year under the run's faults, through Dividends' API: registered in the first
/// village, some of its households joining with shares and trade, a policy, a draft, the board's
/// and the supervisory board's signatures, publication, and every payout paid (by a call per
/// payout or by the bank's result files), the payments spread over the load. Every step is keyed,
/// abandoned now and then and sent again under its key until answered, through a Dividends kill.
/// </summary>
internal sealed class CooperativeDistribution(DistributionBook book, TextWriter log) : IDistributionScenario
{
    private const string BoardSubject = "board.fr";
    private const string SupervisorySubject = "supervisor.fr";
    private readonly Stopwatch clock = new();
    private readonly List<long> memberIds = [];
    private Random random = null!;

    public string Name => "cooperative distribution";

    private static int Year => DateTime.UtcNow.Year - 1;

    private static string Key(RunPlan plan) => $"fr{plan.Seed}-div";

    /// <summary>The cooperative and its members, with the rest of the run's setup (no faults yet; lost answers already).</summary>
    public async Task SetUpAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken ct)
    {
        random = new Random(plan.Seed * 1000 + 200);
        var run = new DistributionSteps(plan, calls, book, random, CancellationToken.None);
        try
        {
            await RegisterAsync(run, deployment, plan);
        }
        catch (StepNotDoneException ex)
        {
            book.Stopped = "setup: " + ex.Message;
        }
    }

    /// <summary>The year's distribution while the faults strike: from the plan's start time to every payout paid.</summary>
    public async Task RunAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken stop)
    {
        clock.Start();
        if (book.CooperativeCode is null)
        {
            return;
        }

        var run = new DistributionSteps(plan, calls, book, random, stop);
        try
        {
            await Pause(plan.Distribution.StartsAfter, stop);
            await DistributeAsync(run, deployment, plan);
            book.Stopped = null;
        }
        catch (StepNotDoneException ex)
        {
            book.Stopped = ex.Message;
        }

        await log.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} {book.Summary()}; steps: {string.Join(", ", book.Steps)}");
    }

    private async Task RegisterAsync(DistributionSteps run, Deployment deployment, RunPlan plan)
    {
        var d = plan.Distribution;
        var code = $"FR{plan.Seed}COOP";
        var village = plan.Village(0);
        var key = Key(plan);
        var members = new Api.Members.MembersClient(deployment.Dividends);
        var payouts = new Api.Payouts.PayoutsClient(deployment.Dividends);
        var joined = $"{Year - 3}-01-01";
        await run.Must("register cooperative", o => new Api.Cooperatives.CooperativesClient(deployment.Dividends).RegisterCooperativeAsync(new Api.RegisterCooperativeRequest
        {
            IdempotencyKey = $"{key}-register", Code = code, Name = $"Fault cooperative {plan.Seed}", Kind = Api.CooperativeKind.VillageShareholding, VillageCode = village,
        }, o));

        var households = Enumerable.Range(1, plan.HouseholdsPerVillage).OrderBy(_ => random.Next()).Take(d.Members).Order().ToList();
        foreach (var n in households)
        {
            var number = RunPlan.Household(n);
            var member = await run.Must($"join {number}", o => members.JoinCooperativeAsync(new Api.JoinCooperativeRequest
            {
                IdempotencyKey = $"{key}-join-{number}", CooperativeCode = code, VillageCode = village, HouseholdNumber = number, HeadName = $"Head 1-{n}", JoinedOn = joined,
            }, o));
            memberIds.Add(member.MemberId);
            var population = random.Next(1, 7);
            var land = random.Next(50, 801);
            var trade = random.Next(0, 50_001) * 10L;
            await run.Must($"population shares {number}", o => members.RecordHoldingAsync(new Api.RecordHoldingRequest
            {
                IdempotencyKey = $"{key}-population-{number}", CooperativeCode = code, MemberId = member.MemberId, ShareClass = Api.ShareClass.Population,
                Quantity = population, EffectiveFrom = joined,
            }, o));
            await run.Must($"land shares {number}", o => members.RecordHoldingAsync(new Api.RecordHoldingRequest
            {
                IdempotencyKey = $"{key}-land-{number}", CooperativeCode = code, MemberId = member.MemberId, ShareClass = Api.ShareClass.Land,
                Quantity = land, EffectiveFrom = joined,
            }, o));
            if (d.PatronageBp > 0 && trade > 0)
            {
                await run.Must($"trade {number}", o => members.RecordPatronageAsync(new Api.RecordPatronageRequest
                {
                    IdempotencyKey = $"{key}-trade-{number}", CooperativeCode = code, MemberId = member.MemberId, PeriodFrom = $"{Year}-01-01", PeriodTo = $"{Year}-12-31",
                    AmountFen = trade,
                }, o));
            }

            if (d.PayBy == PayBy.BankFile)
            {
                var body = string.Create(CultureInfo.InvariantCulture, $"4105221960{n % 12 + 1:00}{n % 28 + 1:00}{n % 1000:000}");
                await run.Must($"payment details {number}", o => payouts.SetPaymentDetailsAsync(new Api.SetPaymentDetailsRequest
                {
                    IdempotencyKey = $"{key}-details-{number}", CooperativeCode = code, MemberId = member.MemberId, Method = Api.PayoutMethod.BankTransfer,
                    Account = $"6222{plan.Seed:0000}{n:00000}", AccountHolder = $"Head 1-{n}", IdCardNumber = body + IdCardNumber.CheckCharacter(body),
                }, o));
            }
        }

        book.CooperativeCode = code;
        book.Stopped = "not started";
    }

    private async Task DistributeAsync(DistributionSteps run, Deployment deployment, RunPlan plan)
    {
        var d = plan.Distribution;
        var code = book.CooperativeCode!;
        var key = Key(plan);
        var distributions = new Api.Distributions.DistributionsClient(deployment.Dividends);
        var board = new Api.Board.BoardClient(deployment.Dividends);
        var payouts = new Api.Payouts.PayoutsClient(deployment.Dividends);
        var policy = new Api.SetPolicyRequest
        {
            IdempotencyKey = $"{key}-policy", CooperativeCode = code, ReserveBp = d.ReserveBp, WelfareBp = d.WelfareBp, PatronageBp = d.PatronageBp,
            ClassWeights =
            {
                new Api.ClassWeight { ShareClass = Api.ShareClass.Population, Weight = 1 },
                new Api.ClassWeight { ShareClass = Api.ShareClass.Land, Weight = 1 },
            },
        };
        await run.Must("policy", o => distributions.SetPolicyAsync(policy, o));
        var draft = await run.Must("draft", o => distributions.DraftDistributionAsync(new Api.DraftDistributionRequest
        {
            IdempotencyKey = $"{key}-draft", CooperativeCode = code, PeriodFrom = $"{Year}-01-01", PeriodTo = $"{Year}-12-31", IncomeFen = d.IncomeFen, ExpensesFen = d.ExpensesFen,
        }, o));
        book.DistributionId = draft.DistributionId;
        book.AllocatedFen = draft.AllocatedFen;
        var owed = draft.Allocations.Where(a => a.TotalFen > 0).OrderBy(a => a.MemberId).ToList();
        book.Owed = owed.Count;
        Step($"drafted {draft.DistributionId} ({draft.AllocatedFen} fen to {owed.Count})");

        await run.Must("roster board", o => board.AddBoardMemberAsync(new Api.AddBoardMemberRequest
        {
            IdempotencyKey = $"{key}-roster-board", CooperativeCode = code, Body = Api.BoardBody.Board, Name = "Board chair", Chair = true,
            MemberId = memberIds[0], Subject = BoardSubject, TermFrom = $"{Year - 3}-01-01",
        }, o));
        await run.Must("roster supervisory", o => board.AddBoardMemberAsync(new Api.AddBoardMemberRequest
        {
            IdempotencyKey = $"{key}-roster-supervisory", CooperativeCode = code, Body = Api.BoardBody.Supervisory, Name = "Supervisor",
            MemberId = memberIds[^1], Subject = SupervisorySubject, TermFrom = $"{Year - 3}-01-01",
        }, o));
        foreach (var subject in new[] { BoardSubject, SupervisorySubject })
        {
            using var channel = deployment.DividendsAs(BoardSignatures.Token(subject, code));
            var signer = new Api.Board.BoardClient(channel);
            await run.Must($"{subject} signs", o => signer.SignApprovalAsync(new Api.SignApprovalRequest
            {
                IdempotencyKey = $"{key}-sign-{subject}", DistributionId = draft.DistributionId, Signer = subject,
            }, o));
        }

        Step("signed");
        var published = await run.Must("publish", o => distributions.PublishDistributionAsync(new Api.PublishDistributionRequest
        {
            IdempotencyKey = $"{key}-publish", DistributionId = draft.DistributionId, NoticeDays = 0,
        }, o));
        Step($"published ({published.Status})");

        var payUntil = d.StartsAfter + d.PaymentsSpread;
        if (d.PayBy == PayBy.Payout)
        {
            await PayOneByOneAsync(run, payouts, draft.DistributionId, owed, payUntil, key);
        }
        else
        {
            await PayByBankFilesAsync(run, payouts, draft.DistributionId, payUntil, key);
        }

        Step($"{book.Paid.Count} paid");
        var final = await run.Must("final state", o => distributions.GetDistributionAsync(new Api.GetDistributionRequest { DistributionId = draft.DistributionId }, o));
        book.Completed = final.Status == Api.DistributionStatus.Paid && book.Paid.Count == owed.Count;
        Step($"final {final.Status}");
    }

    private async Task PayOneByOneAsync(DistributionSteps run, Api.Payouts.PayoutsClient payouts, long distributionId, List<Api.Allocation> owed, TimeSpan payUntil, string key)
    {
        foreach (var (allocation, i) in owed.Select((a, i) => (a, i)))
        {
            await PaceAsync(payUntil, owed.Count - i, run.Stop);
            run.StopIfAsked($"paying ({book.Paid.Count}/{owed.Count} paid)");
            var id = $"{key}-{distributionId}-{allocation.MemberId}";
            await run.Must($"create payout {id}", o => payouts.CreatePayoutAsync(new Api.CreatePayoutRequest
            {
                PayoutId = id, DistributionId = distributionId, MemberId = allocation.MemberId, Method = Api.PayoutMethod.BankTransfer, Account = $"6222{allocation.MemberId:000000}",
            }, o), checkStop: false);
            var paid = await run.Must($"pay {id}", o => payouts.RecordPayoutOutcomeAsync(new Api.RecordPayoutOutcomeRequest
            {
                IdempotencyKey = $"{id}-paid", PayoutId = id, Paid = true, Note = $"BANK-{allocation.MemberId}",
            }, o), checkStop: false);
            if (paid.Status == Api.PayoutStatus.Paid)
            {
                book.Paid[paid.PayoutId] = (paid.MemberId, paid.AmountFen);
            }
        }
    }

    private async Task PayByBankFilesAsync(DistributionSteps run, Api.Payouts.PayoutsClient payouts, long distributionId, TimeSpan payUntil, string key)
    {
        var created = await run.Must("create payouts", o => payouts.CreatePayoutsAsync(new Api.CreatePayoutsRequest
        {
            IdempotencyKey = $"{key}-payouts", DistributionId = distributionId,
        }, o));
        if (created.MembersWithoutDetails.Count > 0)
        {
            run.Calls.Unexpected($"distribution create payouts: {created.MembersWithoutDetails.Count} member(s) without payment details, e.g. {created.MembersWithoutDetails[0]}");
        }

        var listed = (await run.Must("list payouts", o => payouts.ListPayoutsAsync(new Api.ListPayoutsRequest { DistributionId = distributionId }, o))).Payouts
            .OrderBy(p => p.MemberId).ToList();
        var files = listed.Chunk(Math.Max(1, (listed.Count + run.Plan.Distribution.BankFiles - 1) / run.Plan.Distribution.BankFiles)).ToList();
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            await PaceAsync(payUntil, files.Count - i, run.Stop);
            run.StopIfAsked($"bank file {i + 1} of {files.Count} ({book.Paid.Count}/{book.Owed} paid)");
            var csv = new StringBuilder("payout,yuan,result,reference\n");
            foreach (var p in file)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{p.PayoutId},{p.AmountFen / 100}.{p.AmountFen % 100:00},paid,BANK-{key}-{p.MemberId}\n");
            }

            var answer = await run.Must($"bank file {i + 1}", o => payouts.ImportBankResultAsync(new Api.ImportBankResultRequest
            {
                DistributionId = distributionId, Csv = ByteString.CopyFromUtf8(csv.ToString()),
            }, o), checkStop: false);
            foreach (var line in answer.Lines)
            {
                var payout = file.FirstOrDefault(p => p.PayoutId == line.PayoutId);
                if (payout is not null && line.Outcome is Api.ResultLineOutcome.Applied or Api.ResultLineOutcome.AlreadyApplied)
                {
                    book.Paid[payout.PayoutId] = (payout.MemberId, payout.AmountFen);
                }
                else
                {
                    run.Calls.Unexpected($"distribution bank file {i + 1}, line {line.LineNumber} ({line.PayoutId}): {line.Outcome} {line.Reason}");
                }
            }
        }
    }

    /// <summary>Spreads what is left to pay evenly until the plan's time (and does not wait once it is past).</summary>
    private Task PaceAsync(TimeSpan payUntil, int left, CancellationToken stop)
    {
        var wait = (payUntil - clock.Elapsed) / left;
        return wait > TimeSpan.Zero ? Pause(wait, stop) : Task.CompletedTask;
    }

    private void Step(string what) => book.Steps.Enqueue($"{what} at {clock.Elapsed.TotalSeconds:0.0} s");

    private static async Task Pause(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
            // The load is over: the next step notices.
        }
    }
}
