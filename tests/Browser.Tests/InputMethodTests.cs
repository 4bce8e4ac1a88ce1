using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Platform.Browser.Tests;

/// <summary>
/// Chinese is typed through an input method: letters compose ("jianguo") and the chosen
/// characters replace them. A field bound on every keystroke would send the unfinished letters
/// to the server, whose re-render breaks the composition; the console's fields bind on change.
/// </summary>
[Collection(ConsoleSiteCollection.Name)]
public sealed class InputMethodTests(ConsoleSite site)
{
    [Fact]
    public async Task Composing_a_name_with_a_pinyin_input_method_sends_nothing_until_it_is_entered()
    {
        var page = await Clerks.AtCounterAsync(site, "clerk.ime", "韩梅");
        var sent = new ConcurrentQueue<string>();
        // The page's live connection to the server; every event the page handles goes over it.
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => sent.Enqueue(frame.Text ?? string.Empty);
        await page.ReloadAsync();
        await ConsoleSite.LiveAsync(page);
        var field = page.GetByLabel("户号、户主姓名或扫卡");
        await field.FocusAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        sent.Clear();

        foreach (var letters in new[] { "j", "ji", "jia", "jian", "jiang", "jiangu", "jianguo" })
        {
            await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object>
            {
                ["text"] = letters, ["selectionStart"] = letters.Length, ["selectionEnd"] = letters.Length,
            });
        }

        await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = "建国" });
        // Nothing must be sent: give a would-be event time to leave before looking (a negative cannot be polled for).
        await page.WaitForTimeoutAsync(500);

        Assert.DoesNotContain(sent, f => f.Contains("DispatchEvent", StringComparison.Ordinal));
        await Assertions.Expect(field).ToHaveValueAsync("建国");

        await field.PressAsync("Enter");
        await Assertions.Expect(Clerks.Household(page, "李建国")).ToBeVisibleAsync();
        Assert.Contains(sent, f => f.Contains("DispatchEvent", StringComparison.Ordinal));
    }
}
