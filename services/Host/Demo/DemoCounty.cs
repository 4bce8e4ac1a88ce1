namespace Platform.Host.Demo;

/// <summary>
/// The invented county the demo seeds: one village of 30 households, its panel, a love
/// supermarket with two counters, and a cooperative. Every name is made up.
/// </summary>
internal static class DemoCounty
{
    public const string County = "青山县";
    public const string Township = "石门镇";
    public const string VillageName = "青山村";

    /// <summary>An invented administrative code (12 digits, as the county's codes are).</summary>
    public const string Village = "520324105201";

    public const string Supermarket = "QS-SM1";
    public const string SupermarketName = "青山村爱心超市";
    public const string Counter1 = "QS-SM1-C1";
    public const string Counter2 = "QS-SM1-C2";
    public const string Clerk1 = "杨丽";
    public const string Clerk2 = "陈静";

    public const string Cooperative = "QS-COOP1";
    public const string CooperativeName = "青山村种植专业合作社";
    public const string Accountant = "吴芳";

    /// <summary>The sign-in names of the cooperative's board chair (household 001) and supervisory chair (household 012).</summary>
    public const string BoardChair = "coop.chair";
    public const string SupervisoryChair = "coop.supervisor";

    /// <summary>The fixed seed of everything the demo draws by chance.</summary>
    public const int Seed = 20_240_601;

    public static readonly IReadOnlyList<string> Heads =
    [
        "王建国", "李秀英", "张伟", "刘桂兰", "陈志强", "杨秀珍", "赵德明", "黄丽华", "周国平", "吴玉梅",
        "王海涛", "李春生", "张凤英", "刘长福", "陈美玲", "杨文军", "赵淑芬", "黄永刚", "周桂香", "吴建平",
        "王红梅", "李富贵", "张玉兰", "刘明亮", "陈秀兰", "杨志勇", "赵金花", "黄大山", "周小燕", "吴德华",
    ];

    public static readonly IReadOnlySet<string> PovertyRegistered = new HashSet<string> { "004", "010", "017", "023" };
    public static readonly IReadOnlySet<string> Monitored = new HashSet<string> { "014", "027" };
    public static readonly IReadOnlySet<string> OverSeventy = new HashSet<string> { "002", "004", "009", "013", "017", "022", "025", "028" };

    /// <summary>The review panel: member id, name, role, own household (empty for one sent from outside).</summary>
    public static readonly IReadOnlyList<(string Id, string Name, Contracts.Scoring.V1.PanelRole Role, string Household)> Panel =
    [
        ("M1", "王建国", Contracts.Scoring.V1.PanelRole.VillageCadre, "001"),
        ("M2", "孙立新", Contracts.Scoring.V1.PanelRole.FirstSecretary, ""),
        ("M3", "赵德明", Contracts.Scoring.V1.PanelRole.PartyMember, "007"),
        ("M4", "李春生", Contracts.Scoring.V1.PanelRole.VillagersRepresentative, "012"),
        ("M5", "周桂香", Contracts.Scoring.V1.PanelRole.VillagersRepresentative, "019"),
    ];

    /// <summary>The households of the cooperative (ten, three of them registered poor).</summary>
    public static readonly IReadOnlyList<string> CooperativeMembers = ["001", "003", "004", "007", "010", "012", "015", "017", "020", "026"];

    public static string Number(int i) => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<string> Numbers => Enumerable.Range(1, Heads.Count).Select(Number);

    public static string HeadOf(string number) => Heads[int.Parse(number, System.Globalization.CultureInfo.InvariantCulture) - 1];
}
