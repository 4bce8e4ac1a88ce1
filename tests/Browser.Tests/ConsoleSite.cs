using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Platform.Contracts.Redemption.V1;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Platform.WebConsole.Accounts;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Browser.Tests;

/// <summary>
/// The embedded host with its console on loopback, a village to work in, and Debian's chromium.
/// Village V1 (青山村) has households 001–008; 001–007 hold 300 points each, 008 none; 001 has
/// someone over 70. Supermarket SM1 (青山村爱心超市) serves V1 at counters C1 and C2 and lists
/// RICE (大米, 30 points, 2 a month), OIL (花生油, 20 points, over-70 households only), SOAP
/// (肥皂, 5 points, 20 on hand) and LAST (毛巾, 10 points, 1 on hand).
/// Tests share it and keep to households of their own.
/// </summary>
public sealed class ConsoleSite : IAsyncLifetime
{
    public const string Village = "V1";
    public const string AdminName = "county.admin";
    public const string AdminPassword = "Admin-pass-2026";

    private readonly TempFolder data = new();
    private IPlaywright? playwright;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public RunningApp Services { get; private set; } = null!;

    public WebApplication Console { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No browser at {chromium}: the console's tests drive Debian's chromium. Run scripts/infra.sh up (as root it installs chromium and fonts-noto-cjk) or set PLATFORM_CHROMIUM.");
        }

        var settings = new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Embedded",
            ["Platform:DataFolder"] = data.Path,
            ["Platform:BackgroundJobs"] = "false",
        };
        Services = await RunningApp.StartAsync(args => Host.Program.Build(args, s => s.AddSingleton<TimeProvider>(Clock)), settings);
        await SeedAsync();

        Console = Host.Program.BuildConsole(
            [
                $"--Platform:DataFolder={data.Path}",
                $"--Platform:Auth:SigningKey={TestTokens.SigningKeyPem}",
                "--Platform:Console:Url=http://127.0.0.1:0",
                "--Platform:Console:RevalidationSeconds=1",
                "--Logging:LogLevel:Default=Warning",
            ],
            Services.Address);
        await Console.StartAsync();
        var address = Console.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri(address);
        await CreateAccountAsync(new AccountDraft { UserName = AdminName, DisplayName = "周建华", Role = Role.CountyAdmin }, AdminPassword);

        // The first pages after a build wait for the JIT; a shared machine is slower still.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>A new browser of its own (cookies, storage), Chinese, on a laptop screen unless told.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Address.ToString(),
            Locale = "zh-CN",
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates an account with a password its owner has already chosen (no change at sign-in).</summary>
    internal async Task<Account> CreateAccountAsync(AccountDraft draft, string password)
    {
        await using var scope = Console.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var account = await store.CreateAsync(draft, password);
        return await store.ChangePasswordAsync(account.Id, password, byOwner: true);
    }

    internal async Task<Account?> FindAccountAsync(string userName)
    {
        await using var scope = Console.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountStore>().FindByNameAsync(userName);
    }

    /// <summary>Signs in on the sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }

    /// <summary>Waits until the page is connected to the server (before, it is static HTML and its buttons do nothing).</summary>
    public static async Task LiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator(".console-shell[data-live=true]")).ToBeAttachedAsync();

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task<long> AvailableAsync(string number) =>
        (await new ScoringApi.Ledger.LedgerClient(Services.Channel)
            .GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = Village, HouseholdNumber = number })).Available;

    public async Task<Item> ItemAsync(string sku) =>
        await new Goods.GoodsClient(Services.Channel).GetItemAsync(new GetItemRequest { SupermarketCode = "SM1", Sku = sku });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Console is not null)
        {
            await Console.StopAsync();
            await Console.DisposeAsync();
        }

        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        data.Dispose();
    }

    // Screenshots go to PLATFORM_SCREENSHOTS when set (docs/console to refresh the docs), else .local/screenshots.
    private static string FindScreenshotFolder()
    {
        var folder = Environment.GetEnvironmentVariable("PLATFORM_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            var repo = new DirectoryInfo(AppContext.BaseDirectory);
            while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Platform.sln")))
            {
                repo = repo.Parent;
            }

            folder = Path.Combine(repo?.FullName ?? Path.GetTempPath(), ".local", "screenshots");
        }

        Directory.CreateDirectory(folder);
        return Path.GetFullPath(folder);
    }

    private async Task SeedAsync()
    {
        var channel = Services.Channel;
        await new ScoringApi.Villages.VillagesClient(channel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
        {
            IdempotencyKey = "setup-village", Code = Village, Name = "青山村", Township = "桥里乡", County = "安乐县",
        });
        string[] heads = ["王秀兰", "李建国", "赵敏", "陈桂英", "刘芳", "孙德海", "杨志强", "黄丽华"];
        await new ScoringApi.Households.HouseholdsClient(channel).RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "setup", VillageCode = Village, Actor = "setup",
            Households =
            {
                heads.Select((h, i) => new ScoringApi.NewHousehold
                {
                    HouseholdNumber = $"00{i + 1}", HeadName = h, MemberCount = 3, HasMemberOver70 = i == 0, PovertyRegistered = i == 1,
                }),
            },
        });
        var panels = new ScoringApi.Panels.PanelsClient(channel);
        foreach (var (id, name, number) in new[] { ("m1", "王秀兰", "001"), ("m2", "李建国", "002"), ("m3", "赵敏", "003") })
        {
            await panels.SetPanelMemberAsync(new ScoringApi.SetPanelMemberRequest
            {
                IdempotencyKey = $"setup-member-{id}", VillageCode = Village, Actor = "setup",
                Member = new ScoringApi.PanelMember { MemberId = id, Name = name, Role = ScoringApi.PanelRole.VillagersRepresentative, HouseholdNumber = number },
            });
        }

        // This village lets the proposer approve too (panel rules; a new village does not).
        await panels.SetPanelRulesAsync(new ScoringApi.SetPanelRulesRequest
        {
            IdempotencyKey = "setup-rules", VillageCode = Village, Actor = "setup", Rules = new ScoringApi.PanelRules { ProposerMayApprove = true },
        });

        await new ScoringApi.Rules.RulesClient(channel).DefineRuleAsync(new ScoringApi.DefineRuleRequest
        {
            IdempotencyKey = "rule-flood", VillageCode = Village, Code = "FLOOD-HELP", Name = "抗洪救灾帮助邻里", Points = 300, Actor = "setup",
        });
        var awards = new ScoringApi.Awards.AwardsClient(channel);
        foreach (var number in new[] { "001", "002", "003", "004", "005", "006", "007" })
        {
            var proposal = await awards.ProposeAsync(new ScoringApi.ProposeRequest
            {
                IdempotencyKey = $"propose-{number}", VillageCode = Village, HouseholdNumber = number, RuleCode = "FLOOD-HELP", ProposedBy = number == "001" ? "m2" : "m1",
            });
            foreach (var member in new[] { "m1", "m2", "m3" }.Where(m => m != $"m{int.Parse(number)}").Take(2))
            {
                await awards.ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = $"approve-{number}-{member}", ProposalId = proposal.Id, MemberId = member });
            }
        }

        Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await awards.PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = Village });

        var supermarkets = new Supermarkets.SupermarketsClient(channel);
        await Poller.UntilAsync(async () => (await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Count == 1,
            "Redemption learns of the village");
        await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = "SM1", Name = "青山村爱心超市", VillageCodes = { Village }, CounterCodes = { "C1", "C2" },
        });
        var goods = new Goods.GoodsClient(channel);
        var stock = new Stock.StockClient(channel);
        foreach (var (sku, name, unit, price, limit, eligibility, quantity) in new[]
        {
            ("RICE", "大米", "袋（5 公斤）", 30L, 2, Eligibility.Any, 20),
            ("OIL", "花生油", "瓶（1 升）", 20L, 0, Eligibility.Over70, 5),
            ("SOAP", "肥皂", "块", 5L, 0, Eligibility.Any, 20),
            ("LAST", "毛巾", "条", 10L, 0, Eligibility.Any, 1),
        })
        {
            await goods.DefineItemAsync(new DefineItemRequest
            {
                IdempotencyKey = $"define-{sku}", SupermarketCode = "SM1", Sku = sku, Name = name, Unit = unit, PricePoints = price,
                LimitPerHousehold = limit, LimitPeriod = LimitPeriod.Month, Eligibility = eligibility, Actor = "setup",
            });
            await stock.ReceiveDonationAsync(new ReceiveDonationRequest
            {
                IdempotencyKey = $"donation-{sku}", SupermarketCode = "SM1", Sku = sku, Quantity = quantity, DonorName = "安乐粮油公司",
                DonorKind = DonorKind.Company, ValueFen = 10_000, BestBefore = "2027-06-30", Actor = "setup",
            });
        }

        // Redemption's copy of the households comes by events.
        var counter = new Counter.CounterClient(channel);
        await Poller.UntilAsync(async () => (await counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C1", NumberPrefix = "00", Limit = 50 })).Households.Count == heads.Length,
            "Redemption learns of the households");
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleSiteCollection : ICollectionFixture<ConsoleSite>
{
    public const string Name = "console site";
}
