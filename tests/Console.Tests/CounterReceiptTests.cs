using Google.Protobuf.WellKnownTypes;
using Platform.WebConsole.Components.Pages.Counter;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Console.Tests;

public sealed class CounterReceiptTests
{
    internal static RedemptionApi.Receipt Receipt(long spent = 75, long after = 45) => new()
    {
        OrderId = "ORD-7F3A",
        Status = RedemptionApi.OrderStatus.Completed,
        SupermarketCode = "SM-QS",
        CounterCode = "QS-C1",
        VillageCode = "QINGSHUI",
        HouseholdNumber = "QS-017",
        HeadName = "柳青禾",
        Actor = "clerk-lin",
        PointsSpent = spent,
        AvailableAfter = after,
        At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 4, 2, 5, 0, TimeSpan.Zero)),
        Lines =
        {
            new RedemptionApi.ReceiptLine { Sku = "RICE", Name = "大米", Unit = "袋", Quantity = 2, UnitPoints = 30, Points = 60 },
            new RedemptionApi.ReceiptLine { Sku = "SOAP", Name = "肥皂", Unit = "块", Quantity = 3, UnitPoints = 5, Points = 15, ReturnedQuantity = 1 },
        },
    };

    [Fact]
    public void Points_before_the_order_are_the_points_after_plus_the_points_spent()
    {
        Assert.Equal(120, ReceiptFigures.PointsBefore(Receipt(spent: 75, after: 45)));
    }

    [Fact]
    public void A_cancelled_order_spent_nothing_so_before_equals_after()
    {
        var cancelled = Receipt(spent: 0, after: 45);
        cancelled.Status = RedemptionApi.OrderStatus.Cancelled;

        Assert.Equal(45, ReceiptFigures.PointsBefore(cancelled));
    }

    [Fact]
    public void The_receipt_names_the_signed_in_clerk_by_display_name_and_anyone_else_by_the_recorded_actor()
    {
        Assert.Equal("林晓", ReceiptFigures.Clerk(Receipt(), "clerk-lin", "林晓"));
        Assert.Equal("clerk-lin", ReceiptFigures.Clerk(Receipt(), "clerk-zhou", "周禾"));
    }

    [Fact]
    public void Receipt_times_are_printed_in_china_time()
    {
        Assert.Equal("2026-12-04 10:05", ReceiptFigures.ChinaTime(Receipt().At));
    }

    [Fact]
    public void A_return_cannot_bring_back_more_than_was_taken_less_what_came_back_already()
    {
        var draft = new ReturnDraft(Receipt());

        draft.Set("SOAP", 5);
        draft.Set("RICE", -1);

        Assert.Equal(2, draft.QuantityOf("SOAP"));
        Assert.Equal(0, draft.QuantityOf("RICE"));
        Assert.Equal(10, draft.Points);
    }

    [Fact]
    public void A_retried_return_keeps_its_return_id_and_a_refused_one_gets_a_new_id()
    {
        var draft = new ReturnDraft(Receipt());
        draft.Set("RICE", 1);
        var first = draft.Request("包装破损", "clerk-lin");

        draft.Unknown();
        draft.Set("RICE", 2);
        var retry = draft.Request("包装破损", "clerk-lin");
        Assert.Equal(first, retry);

        draft.Refused();
        Assert.NotEqual(first.ReturnId, draft.Request("包装破损", "clerk-lin").ReturnId);
    }

    [Fact]
    public void A_return_request_lists_only_the_lines_coming_back()
    {
        var draft = new ReturnDraft(Receipt());
        draft.Set("SOAP", 1);

        var request = draft.Request("  用不上  ", "clerk-lin");

        Assert.Equal("ORD-7F3A", request.OrderId);
        Assert.Equal("用不上", request.Reason);
        var line = Assert.Single(request.Lines);
        Assert.Equal(("SOAP", 1), (line.Sku, line.Quantity));
    }
}
