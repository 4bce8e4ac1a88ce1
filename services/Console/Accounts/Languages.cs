namespace Platform.WebConsole.Accounts;

/// <summary>The console's languages: Chinese first, English second.</summary>
internal static class Languages
{
    public const string Default = "zh-CN";

    public static readonly IReadOnlyList<string> Supported = ["zh-CN", "en"];
}
