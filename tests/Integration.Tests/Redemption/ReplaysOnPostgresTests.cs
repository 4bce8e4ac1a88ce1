using Google.Protobuf;
using Platform.Contracts.Redemption.V1;
using Xunit;

namespace Platform.Integration.Tests.Redemption;

/// <summary>A retry of an order or a return answers exactly what the first call answered, on PostgreSQL.</summary>
public sealed class ReplaysOnPostgresTests
{
    [Fact]
    public async Task A_retried_order_or_return_answers_byte_for_byte_what_the_first_call_answered()
    {
        await using var deployment = await CounterDeployment.StartAsync(households: 4, points: 1_000, unitsPerItem: 100);
        var counter = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(1)}";

        // Twenty orders: a clock read with 100-ns precision lands on a whole microsecond one time in ten.
        for (var i = 0; i < 20; i++)
        {
            var order = new RedeemRequest
            {
                OrderId = $"{deployment.Village}-replay-{i}",
                CounterCode = counter,
                HouseholdNumber = deployment.Household(1 + (i % 4)),
                Actor = "clerk 1",
                Lines = { new RedeemLine { Sku = "SOAP", Quantity = 1 }, new RedeemLine { Sku = "EGGS", Quantity = 1 } },
            };
            var first = await deployment.Counter.RedeemAsync(order);
            var retried = await deployment.Counter.RedeemAsync(order);
            Assert.Equal(first.ToByteArray(), retried.ToByteArray());

            var goodsReturn = new ReturnGoodsRequest
            {
                ReturnId = $"{deployment.Village}-return-{i}",
                OrderId = order.OrderId,
                Reason = "Cracked",
                Actor = "clerk 1",
                Lines = { new RedeemLine { Sku = "EGGS", Quantity = 1 } },
            };
            var returned = await deployment.Counter.ReturnGoodsAsync(goodsReturn);
            var returnedAgain = await deployment.Counter.ReturnGoodsAsync(goodsReturn);
            Assert.Equal(returned.ToByteArray(), returnedAgain.ToByteArray());
        }
    }
}
