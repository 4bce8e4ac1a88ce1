using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Console.Tests;

/// <summary>
/// Every refusal reason the services can send has a sentence in Chinese and in English, and a
/// sentence only names metadata its reason actually carries. The reasons are read from the
/// services' sources (services/**/*.cs, the console's own folder aside), as ServiceSources says.
/// </summary>
public sealed partial class RefusalCoverageTests
{
    private static readonly Lazy<ServiceSources> Sources = new(ServiceSources.Read);

    public static TheoryData<string> Languages => new() { "RefusalTexts.resx", "RefusalTexts.en.resx" };

    [Fact]
    public void The_sources_are_read_as_expected()
    {
        // Guards the scan itself: a change to how refusals are written must not silently empty it.
        var reasons = Sources.Value.Reasons;
        Assert.True(reasons.Count > 200, $"only {reasons.Count} reasons were found in the services' sources");
        Assert.Contains("INSUFFICIENT_POINTS", reasons.Keys);
        Assert.Contains("ORDER_PENDING", reasons.Keys);
        Assert.Contains("TOKEN_EXPIRED", reasons.Keys);
        Assert.Contains("DATABASE_UNAVAILABLE", reasons.Keys);
        Assert.Contains("REQUEST_UNREADABLE", reasons.Keys);
        Assert.Contains("HOUSEHOLD_NUMBER_REQUIRED", reasons.Keys);
        Assert.Contains("QUERY_INVALID", reasons.Keys);
        Assert.Equal(["counter_code"], reasons["COUNTER_NOT_FOUND"].SentByEverySite);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_reason_the_services_send_has_a_sentence(string file)
    {
        var texts = Texts(file);
        var missing = Sources.Value.Reasons.Keys.Where(r => !texts.ContainsKey(r) || string.IsNullOrWhiteSpace(texts[r])).Order().ToList();
        Assert.True(missing.Count == 0, $"{file} has no sentence for: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_sentence_names_only_metadata_that_every_sender_of_its_reason_sends(string file)
    {
        var wrong = new List<string>();
        foreach (var (reason, text) in Texts(file))
        {
            if (!Sources.Value.Reasons.TryGetValue(reason, out var sent))
            {
                continue;
            }

            wrong.AddRange(Placeholder().Matches(text).Select(m => m.Groups[1].Value)
                .Where(key => !sent.SentByEverySite.Contains(key))
                .Select(key => $"{reason} {{{key}}}"));
        }

        Assert.True(wrong.Count == 0, $"{file} names metadata not sent with its reason: {string.Join(", ", wrong)}");
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(ServiceSources.Root, "services", "Console", "Resources", "Api", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);

    [GeneratedRegex(@"\{([a-z_0-9]+)\}")]
    private static partial Regex Placeholder();
}
