using Platform.WebConsole.Api;

namespace Platform.Console.Tests;

public sealed class RefusalTextsTests
{
    [Fact]
    public void Placeholders_are_filled_from_the_refusals_metadata()
    {
        var sentence = RefusalTexts.Fill("积分不足：可用 {available} 分，需要 {needed} 分。",
            new Dictionary<string, string> { ["available"] = "12", ["needed"] = "30" });

        Assert.Equal("积分不足：可用 12 分，需要 30 分。", sentence);
    }

    [Fact]
    public void A_placeholder_the_metadata_lacks_shows_as_a_question_mark()
    {
        Assert.Equal("还差 ? 分", RefusalTexts.Fill("还差 {missing} 分", new Dictionary<string, string>()));
    }
}
