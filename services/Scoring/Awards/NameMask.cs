using System.Globalization;

namespace Platform.Scoring.Awards;

/// <summary>A name as the public notice shows it to villagers: first and last character kept, the rest masked.</summary>
internal static class NameMask
{
    public static string Of(string name)
    {
        var characters = Characters(name.Trim());
        return characters.Count switch
        {
            0 => string.Empty,
            1 => "*",
            2 => characters[0] + "*",
            _ => characters[0] + new string('*', characters.Count - 2) + characters[^1],
        };
    }

    // By text element, so a character outside the basic plane is masked as one.
    private static List<string> Characters(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            list.Add(e.GetTextElement());
        }

        return list;
    }
}
