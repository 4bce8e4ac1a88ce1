using System.Text.RegularExpressions;

namespace Platform.Console.Tests;

/// <summary>
/// The refusal reasons the services can send, read from their sources, with the metadata keys
/// every call site sends along. Three shapes are recognised:
/// a literal reason given to a refusal (<c>DomainException.X("R", …)</c>, <c>new DomainException(StatusCode.X, "R", …)</c>,
/// <c>new(StatusCode.X, "R", …)</c>, and the helpers <c>Denied</c>, <c>Refuse</c>, <c>Field</c> that forward theirs);
/// a reason made from a field name (<c>Input.Code(value, "village_code", …)</c> refuses with
/// VILLAGE_CODE_REQUIRED or VILLAGE_CODE_INVALID, and so do the helpers that pass a field on);
/// and a fallback reason (<c>?.Reason ?? "R"</c>). A reason made from an indexed field
/// (<c>$"lines[{i}].sku"</c>) cannot be listed and is left to the status's general sentence.
/// </summary>
internal sealed partial class ServiceSources
{
    public sealed record Sent(List<string> SentByEverySite);

    public static string Root { get; } = FindRoot();

    public Dictionary<string, Sent> Reasons { get; } = new(StringComparer.Ordinal);

    public static ServiceSources Read()
    {
        var sites = new Dictionary<string, List<HashSet<string>>>(StringComparer.Ordinal);
        void Add(string reason, HashSet<string> keys)
        {
            if (!sites.TryGetValue(reason, out var list))
            {
                sites[reason] = list = [];
            }

            list.Add(keys);
        }

        var services = Path.Combine(Root, "services");
        var files = Directory.EnumerateFiles(services, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Excluded(Path.GetRelativePath(services, f)));
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match call in LiteralRefusal().Matches(source))
            {
                var args = Arguments(source, call.Index + call.Length - 1);
                var reason = LeadingReason().Match(args);
                if (!reason.Success)
                {
                    continue;
                }

                var keys = MetadataKeys(args);
                if (call.Groups["method"].Value is "Invalid" or "InvalidRows" or "Field" || (call.Groups["method"].Value == "Refuse" && file.EndsWith("Input.cs", StringComparison.Ordinal)))
                {
                    keys.Add("field");
                }

                Add(reason.Groups[1].Value, keys);
                if (Path.GetFileName(file) == "HoldRefusals.cs")
                {
                    // Redemption passes Scoring's refusals of a hold on with the order id alone (Redemptions.Refused).
                    Add(reason.Groups[1].Value, ["order_id"]);
                }
            }

            foreach (Match call in FieldRefusal().Matches(source))
            {
                var args = Arguments(source, call.Index + call.Length - 1);
                var field = FieldName().Match(args);
                var name = field.Success ? field.Groups[1].Value : call.Groups["helper"].Value == "Actor" ? "actor" : null;
                if (name is not null)
                {
                    Add(name.ToUpperInvariant() + "_REQUIRED", ["field"]);
                    Add(name.ToUpperInvariant() + "_INVALID", ["field"]);
                }
            }

            foreach (Match fallback in FallbackReason().Matches(source))
            {
                Add(fallback.Groups[1].Value, []);
            }
        }

        var found = new ServiceSources();
        foreach (var (reason, list) in sites)
        {
            var every = new HashSet<string>(list[0], StringComparer.Ordinal);
            foreach (var keys in list.Skip(1))
            {
                every.IntersectWith(keys);
            }

            found.Reasons[reason] = new Sent([.. every.Order(StringComparer.Ordinal)]);
        }

        return found;
    }

    private static bool Excluded(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts[0] == "Console" || parts.Contains("obj") || parts.Contains("bin") || parts.Contains("Migrations");
    }

    /// <summary>The text of a call's arguments, from its opening parenthesis to the matching one, string literals skipped over.</summary>
    private static string Arguments(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return source[open..(i + 1)];
                    }

                    break;
                case '"':
                    i++;
                    while (i < source.Length && source[i] != '"')
                    {
                        i += source[i] == '\\' ? 2 : 1;
                    }

                    break;
            }
        }

        return source[open..];
    }

    private static HashSet<string> MetadataKeys(string args) =>
        [.. MetadataKey().Matches(args).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"(?:DomainException\.(?<method>\w+)|\bnew\s*(?:DomainException\s*)?(?=\(\s*StatusCode\.)|\b(?<method>Denied|Refuse|Field))\(")]
    private static partial Regex LiteralRefusal();

    [GeneratedRegex(@"^\(\s*(?:StatusCode\.\w+\s*,\s*)?""([A-Z][A-Z0-9_]*)""")]
    private static partial Regex LeadingReason();

    [GeneratedRegex(@"(?:\bInput\.(?:Code|Text|Time)|\bDates\.(?:Required|Optional)|\b(?<helper>Actor|Note|MemberAsync|Evidence|Time))\(")]
    private static partial Regex FieldRefusal();

    [GeneratedRegex(@"(?<![\$@])""([a-z][a-z0-9_]*)""")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"\?\.Reason\s*\?\?\s*""([A-Z][A-Z0-9_]*)""")]
    private static partial Regex FallbackReason();

    [GeneratedRegex(@"\(\s*""([a-z][a-z0-9_]*)""\s*,|\[\s*""([a-z][a-z0-9_]*)""\s*\]\s*=")]
    private static partial Regex MetadataKey();
}
