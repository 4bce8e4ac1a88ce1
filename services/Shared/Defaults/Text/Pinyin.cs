using System.Globalization;
using System.Text;

namespace Platform.ServiceDefaults.Text;

/// <summary>
/// Spells a Chinese personal name in pinyin the way a clerk types it: lowercase, no tones, no
/// spaces, ü as v (as Chinese input methods type it, so every spelling stays within a–z).
/// Readings come from Unicode CLDR (<c>tools/pinyin/generate.py</c>): one per character, with
/// the surname readings for the first character (单 shan, 区 ou, 曾 zeng). Latin letters and
/// digits pass through lowercased (full-width ones too, and vowels without their tone marks, so
/// "wáng" and "lǚ" spell as typed without tones); everything else, spaces and punctuation
/// included, is dropped.
/// </summary>
public static class Pinyin
{
    /// <summary>Eight toned spellings of each vowel (four tones, lower and upper case) in the order of <see cref="PlainVowels"/>, then ü and Ü.</summary>
    private const string TonedVowels = "āáǎàĀÁǍÀēéěèĒÉĚÈīíǐìĪÍǏÌōóǒòŌÓǑÒūúǔùŪÚǓÙǖǘǚǜǕǗǙǛüÜ";

    private const string PlainVowels = "aeiouvv";

    private static readonly Lazy<Table> Readings = new(Table.Load);

    /// <summary>
    /// Whether the text has a CJK ideograph (the basic block, its extensions, the compatibility
    /// block): a name typed in characters, to be matched as characters rather than as pinyin.
    /// </summary>
    public static bool HasHan(string text) =>
        text.Any(c => c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') || char.IsSurrogate(c));

    /// <summary>"王建国" → "wangjianguo"; "Wang Xiulan" → "wangxiulan".</summary>
    public static string Full(string? name) => Spell(name, initials: false);

    /// <summary>"王建国" → "wjg"; a Latin word gives its first letter: "Wang Xiulan" → "wx".</summary>
    public static string Initials(string? name) => Spell(name, initials: true);

    private static string Spell(string? name, bool initials)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var table = Readings.Value;
        var spelled = new StringBuilder(name.Length * 4);
        var inWord = false;
        var hanRunStart = true;
        for (var i = 0; i < name.Length; i++)
        {
            var reading = table.Read(name, i, hanRunStart);
            if (reading is not null)
            {
                spelled.Append(initials ? reading[..1] : reading);
                inWord = false;
                hanRunStart = false;
                continue;
            }

            var letter = Latin(name[i]);
            if (letter is { } plain)
            {
                if (!initials || !inWord)
                {
                    spelled.Append(plain);
                }

                inWord = true;
            }
            else
            {
                inWord = false;
            }

            // A name starts again after anything that is not Han: "张三 单田芳" reads 单 as a surname.
            hanRunStart = true;
        }

        return spelled.ToString();
    }

    /// <summary>A Latin letter or digit, lowercased, full-width or with a pinyin tone mark read plain (ü → v); null for anything else.</summary>
    private static char? Latin(char c)
    {
        // The services run with invariant globalization, where string.Normalize leaves accented
        // letters as they are, so the few a pinyin name can carry are listed.
        if (c is >= '\uFF10' and <= '\uFF5A')
        {
            c = (char)(c - 0xFEE0);
        }

        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c);
        }

        var toned = TonedVowels.IndexOf(c, StringComparison.Ordinal);
        return toned < 0 ? null : PlainVowels[toned / 8];
    }

    /// <summary>The embedded <c>pinyin.txt</c>, read once on first use.</summary>
    private sealed class Table
    {
        private readonly Dictionary<char, string> common = [];
        private readonly Dictionary<char, string> inNames = [];
        private readonly Dictionary<char, string> surnames = [];
        private readonly Dictionary<string, string> surnamePairs = new(StringComparer.Ordinal);

        /// <summary>The reading of text[i], or null when it is not a Han character the table knows.</summary>
        public string? Read(string text, int i, bool firstOfName)
        {
            var c = text[i];
            if (firstOfName)
            {
                if (i + 1 < text.Length && surnamePairs.TryGetValue(text.Substring(i, 2), out var pair))
                {
                    return pair;
                }

                if (surnames.TryGetValue(c, out var surname))
                {
                    return surname;
                }
            }

            return inNames.TryGetValue(c, out var named) ? named : common.GetValueOrDefault(c);
        }

        public static Table Load()
        {
            using var stream = typeof(Pinyin).Assembly.GetManifestResourceStream("Platform.ServiceDefaults.Text.pinyin.txt")
                ?? throw new InvalidOperationException("The embedded resource Text/pinyin.txt is missing from Platform.ServiceDefaults.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var table = new Table();
            var section = "";
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line[0] == '[')
                {
                    section = line.Trim('[', ']');
                    continue;
                }

                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var syllable = string.Intern(line[..space]);
                var characters = line[(space + 1)..];
                switch (section)
                {
                    case "":
                        foreach (var c in characters)
                        {
                            table.common[c] = syllable;
                        }

                        break;
                    case "name":
                        table.inNames[characters[0]] = syllable;
                        break;
                    case "surname":
                        table.surnames[characters[0]] = syllable;
                        break;
                    case "surname-pair":
                        table.surnamePairs[characters] = syllable;
                        break;
                    default:
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Text/pinyin.txt has an unknown section [{section}]."));
                }
            }

            return table;
        }
    }
}
