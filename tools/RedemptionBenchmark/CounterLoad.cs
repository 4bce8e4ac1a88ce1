using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Redemption.V1;

namespace Platform.RedemptionBenchmark;

/// <summary>
/// The counters' load both redemption benchmarks drive (this one on PostgreSQL, and
/// tools/EmbeddedBenchmark, which links this file): each counter redeems one or two lines of the
/// five benchmark SKUs for a household at random, one order id per call, unthrottled or paced, and
/// records the latency of each call that starts after the warm-up and ends within the run.
/// </summary>
internal static class CounterLoad
{
    public static readonly string[] Skus = ["RICE", "OIL", "ZONGZI", "SOAP", "EGGS"];

    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    /// <summary>The sorted latencies (ms) of the measured calls, and the calls completed and failed over the whole run.</summary>
    public sealed record Result(double[] Latencies, long Completed, long Failed)
    {
        public double Percentile(double p) => Latencies.Length == 0 ? double.NaN : Latencies[Math.Min(Latencies.Length - 1, (int)(p * Latencies.Length))];

        public double Max => Latencies.LastOrDefault();
    }

    /// <param name="pace">Redemptions per second over all counters; 0 = unthrottled.</param>
    /// <param name="orderPrefix">Makes the run's order ids its own.</param>
    /// <param name="seedSalt">Added to each counter's random seed.</param>
    /// <param name="spreadStart">Paced counters start spread over one interval rather than all at once.</param>
    public static async Task<Result> RunAsync(GrpcChannel target, int callers, int measured, int pace, int households, string orderPrefix,
        int seedSalt = 0, bool spreadStart = false)
    {
        var client = new Counter.CounterClient(target);
        var stopAt = Warmup + TimeSpan.FromSeconds(measured);
        var latencies = new List<double>[callers];
        long completed = 0;
        long failed = 0;
        var clock = Stopwatch.StartNew();
        var interval = pace > 0 ? TimeSpan.FromSeconds((double)callers / pace) : TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            var random = new Random(c * 7919 + pace + seedSalt);
            var next = clock.Elapsed + (spreadStart ? interval * c / callers : TimeSpan.Zero);
            for (var i = 0; clock.Elapsed < stopAt; i++)
            {
                if (interval > TimeSpan.Zero)
                {
                    next += interval;
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }

                var first = random.Next(Skus.Length);
                var request = new RedeemRequest
                {
                    OrderId = $"{orderPrefix}-{c}-{i}",
                    CounterCode = $"B{c + 1:000}",
                    HouseholdNumber = random.Next(1, households + 1).ToString("000000", CultureInfo.InvariantCulture),
                    Actor = "bench clerk",
                    Lines = { new RedeemLine { Sku = Skus[first], Quantity = random.Next(1, 3) } },
                };
                if (random.Next(2) == 0)
                {
                    request.Lines.Add(new RedeemLine { Sku = Skus[(first + 1 + random.Next(Skus.Length - 1)) % Skus.Length], Quantity = 1 });
                }

                var t0 = clock.Elapsed;
                try
                {
                    await client.RedeemAsync(request);
                    Interlocked.Increment(ref completed);
                    var t1 = clock.Elapsed;
                    if (t0 >= Warmup && t1 <= stopAt)
                    {
                        mine.Add((t1 - t0).TotalMilliseconds);
                    }
                }
                catch (RpcException ex)
                {
                    if (Interlocked.Increment(ref failed) == 1)
                    {
                        Console.WriteLine($"  first failure: {ex.StatusCode} {ex.Status.Detail}");
                    }
                }
            }
        }));
        return new Result(latencies.SelectMany(l => l).Order().ToArray(), completed, failed);
    }

    /// <summary>A process's peak resident memory (VmHWM) in MB, or -1.</summary>
    public static long PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
