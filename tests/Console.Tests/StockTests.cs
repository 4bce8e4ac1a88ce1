using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Components.Pages.Stock;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Console.Tests;

public sealed class StockTests
{
    private static StocktakeSheet Sheet() => new("count-key",
    [
        new RedemptionApi.StockLine { Sku = "RICE", Name = "大米", Unit = "袋", OnHand = 20 },
        new RedemptionApi.StockLine { Sku = "OIL", Name = "花生油", Unit = "瓶", OnHand = 5 },
        new RedemptionApi.StockLine { Sku = "ZONGZI", Name = "粽子", Unit = "盒", OnHand = 8 },
    ]);

    [Fact]
    public void A_stocktake_sends_only_the_lines_counted_differently_from_the_system()
    {
        var sheet = Sheet();
        sheet.Lines[0].Counted = 20;
        sheet.Lines[1].Counted = 3;

        var requests = sheet.Requests("SM1", "zhouhong", "月底盘点");

        var request = Assert.Single(requests);
        Assert.Equal(("SM1", "OIL", 3L, "zhouhong", "月底盘点"), (request.SupermarketCode, request.Sku, request.Counted, request.Actor, request.Note));
        Assert.Equal(["OIL"], sheet.Differences.Select(l => l.Sku));
    }

    [Fact]
    public void A_stocktake_difference_is_counted_minus_system_so_a_shortfall_is_negative()
    {
        var sheet = Sheet();
        sheet.Lines[0].Counted = 18;
        sheet.Lines[2].Counted = 11;

        Assert.Equal([-2L, null, 3L], sheet.Lines.Select(l => l.Difference));
        Assert.Equal(["-2", string.Empty, "+3"], sheet.Lines.Select(l => StocktakeSheet.Signed(l.Difference)));
        Assert.Equal("0", StocktakeSheet.Signed(0));
    }

    [Fact]
    public void A_retried_stocktake_reuses_each_lines_key_and_skips_lines_already_recorded()
    {
        var sheet = Sheet();
        sheet.Lines[0].Counted = 19;
        sheet.Lines[1].Counted = 4;
        var first = sheet.Requests("SM1", "zhouhong", string.Empty);

        sheet.MarkRecorded("RICE", new RedemptionApi.StockChange { Sku = "RICE", Quantity = -1, OnHandAfter = 19 });
        var retry = sheet.Requests("SM1", "zhouhong", string.Empty);

        Assert.Equal(["count-key-RICE", "count-key-OIL"], first.Select(r => r.IdempotencyKey));
        Assert.Equal(["count-key-OIL"], retry.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public void A_negative_count_makes_the_stocktake_unconfirmable()
    {
        var sheet = Sheet();
        sheet.Lines[2].Counted = -1;

        Assert.False(sheet.Valid);
    }

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(5L, "0.05")]
    [InlineData(1_250L, "12.50")]
    [InlineData(45_000L, "450.00")]
    [InlineData(-199L, "-1.99")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void Fen_are_shown_as_yuan_with_two_decimals(long fen, string yuan)
    {
        Assert.Equal(yuan, Yuan.FromFen(fen));
    }

    [Theory]
    [InlineData("12", 1_200L)]
    [InlineData("12.5", 1_250L)]
    [InlineData(" 0.05 ", 5L)]
    [InlineData("", 0L)]
    public void Yuan_typed_by_the_clerk_are_read_as_fen(string text, long fen)
    {
        Assert.True(Yuan.TryParseFen(text, out var read));
        Assert.Equal(fen, read);
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("-3")]
    [InlineData("1,200")]
    [InlineData("十元")]
    public void What_is_not_an_amount_of_yuan_is_refused(string text)
    {
        Assert.False(Yuan.TryParseFen(text, out _));
    }

    [Fact]
    public void A_clerk_works_on_their_own_supermarkets_and_an_admin_reaching_all_types_a_code()
    {
        var clerk = new Account { UserName = "zhouhong", DisplayName = "周红", PasswordHash = "-", Role = "clerk", Supermarkets = "SM1, SM3" };
        var admin = new Account { UserName = "county", DisplayName = "县管理员", PasswordHash = "-", Role = "county_admin", Supermarkets = "*" };

        Assert.Equal(["SM1", "SM3"], StockScope.Supermarkets(clerk));
        Assert.Equal("SM1", StockScope.DefaultSupermarket(clerk));
        Assert.Empty(StockScope.Supermarkets(admin));
        Assert.Equal(string.Empty, StockScope.DefaultSupermarket(admin));
    }

    [Theory]
    [InlineData("zh-CN", "盘点")]
    [InlineData("en", "Stocktake")]
    public void The_stock_links_are_worded_in_the_persons_language(string culture, string stocktake)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            using var context = new BunitContext();
            context.Services.AddLocalization(o => o.ResourcesPath = "Resources");

            var links = context.Render<StockLinks>();

            Assert.Equal(stocktake, links.Find("a[href='/stock/count']").TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void The_supermarket_field_is_labelled_and_offers_the_clerks_supermarkets()
    {
        using var context = new BunitContext();
        context.Services.AddLocalization(o => o.ResourcesPath = "Resources");

        var field = context.Render<SupermarketField>(p => p.Add(f => f.Choices, ["SM1", "SM3"]).Add(f => f.Value, "SM1"));

        Assert.False(string.IsNullOrWhiteSpace(field.Find("label[for=supermarket]").TextContent));
        Assert.Equal(["SM1", "SM3"], field.FindAll("#supermarket option").Select(o => o.TextContent));
    }
}
