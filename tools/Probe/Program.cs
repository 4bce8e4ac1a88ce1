using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.Net.Client;

// Usage: probe wait ADDRESS SECONDS SERVICE [SERVICE…]
//   Polls grpc.health.v1 at ADDRESS until every SERVICE answers SERVING ("" is the whole host),
//   prints how long that took, and exits 0; exits 1 with the last status or error on timeout.
// Usage: probe http URL SECONDS
//   Polls URL with GET until it answers 200 (the console's /signin), the same way. The container
//   images use both as their health checks (they have no curl).
if (args.Length < 3 || args[0] is not ("wait" or "http") || !int.TryParse(args[2], out var seconds)
    || (args[0] == "wait" && args.Length < 4))
{
    Console.Error.WriteLine("usage: probe wait ADDRESS SECONDS SERVICE [SERVICE…] | probe http URL SECONDS");
    return 2;
}

var address = args[1];
var clock = Stopwatch.StartNew();
var last = "no answer yet";
if (args[0] == "http")
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
    {
        try
        {
            using var response = await http.GetAsync(address);
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                Console.WriteLine($"{address}: 200 after {clock.ElapsedMilliseconds} ms");
                return 0;
            }

            last = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex)
        {
            last = ex.Message;
        }

        await Task.Delay(200);
    }

    Console.Error.WriteLine($"{address}: no 200 after {seconds} s: {last}");
    return 1;
}

var services = args[3..].Select(s => s == "-" ? "" : s).ToArray();
using var channel = GrpcChannel.ForAddress(address);
var client = new Health.HealthClient(channel);
while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
{
    try
    {
        var pending = new List<string>();
        foreach (var service in services)
        {
            var response = await client.CheckAsync(new HealthCheckRequest { Service = service },
                deadline: DateTime.UtcNow.AddSeconds(5));
            if (response.Status != HealthCheckResponse.Types.ServingStatus.Serving)
            {
                pending.Add($"{(service.Length == 0 ? "(host)" : service)}={response.Status}");
            }
        }

        if (pending.Count == 0)
        {
            Console.WriteLine($"{address}: {string.Join(", ", services.Select(s => s.Length == 0 ? "(host)" : s))} SERVING after {clock.ElapsedMilliseconds} ms");
            return 0;
        }

        last = string.Join(", ", pending);
    }
    catch (Exception ex)
    {
        last = ex.Message;
    }

    await Task.Delay(50);
}

Console.Error.WriteLine($"{address}: not SERVING after {seconds} s: {last}");
return 1;
