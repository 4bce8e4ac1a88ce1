using System.CommandLine;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// Host settings given after a command, as on the service's own command line:
/// `--Section:Key=Value` (for example `--Platform:DataFolder=DIR`). Any other word the command
/// does not know is refused, naming it.
/// </summary>
public static class CommandSettings
{
    /// <summary>The settings among <paramref name="words"/>; throws on a word that is neither a setting nor known.</summary>
    public static string[] From(IEnumerable<string> words)
    {
        var settings = new List<string>();
        foreach (var word in words)
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (!word.StartsWith("--", StringComparison.Ordinal) || equals < 0 || word.IndexOf(':', StringComparison.Ordinal) is var colon && (colon < 0 || colon > equals))
            {
                throw new ArgumentException($"Unknown option or argument '{word}'. Host settings take the form --Section:Key=Value; see --help.");
            }

            settings.Add(word);
        }

        return [.. settings];
    }

    /// <summary>The settings left unmatched by the parser, plus those an argument list took in.</summary>
    public static string[] From(ParseResult result, IEnumerable<string>? taken = null) =>
        From(result.UnmatchedTokens.Concat(taken ?? []));
}
