namespace Platform.FaultRunner;

/// <summary>How the run's cooperative pays its year: each member by a call of its own, or by the bank's result files.</summary>
internal enum PayBy
{
    /// <summary>CreatePayout and RecordPayoutOutcome per member.</summary>
    Payout,

    /// <summary>SetPaymentDetails per member, CreatePayouts, then ImportBankResult over a few files.</summary>
    BankFile,
}

/// <summary>
/// The cooperative's distribution of a run, drawn from the seed: how many of the first village's
/// households join, the year's figures and policy, when in the load it starts, how it pays and
/// how the payments are spread over the load. Each member's shares and trade are drawn by the
/// scenario from a <see cref="Random"/> seeded from the run's seed.
/// </summary>
internal sealed record DistributionPlan(
    int Members,
    TimeSpan StartsAfter,
    TimeSpan PaymentsSpread,
    PayBy PayBy,
    int BankFiles,
    long IncomeFen,
    long ExpensesFen,
    int ReserveBp,
    int WelfareBp,
    int PatronageBp)
{
    public static DistributionPlan From(Random random, TimeSpan load, int households)
    {
        var members = Math.Min(households, random.Next(12, 49));
        var startsAfter = load * (0.05 + random.NextDouble() * 0.2);
        var spread = load * (0.3 + random.NextDouble() * 0.25);
        var payBy = random.Next(3) == 0 ? PayBy.BankFile : PayBy.Payout;
        var files = random.Next(2, 5);
        var income = random.Next(500_000, 5_000_001) * 10L;
        // A year with a surplus: something to pay every member.
        var expenses = income * random.Next(0, 41) / 100;
        return new DistributionPlan(members, startsAfter, spread, payBy, files, income, expenses,
            ReserveBp: random.Next(500, 1_501), WelfareBp: random.Next(0, 1_001), PatronageBp: random.Next(2) == 0 ? 0 : random.Next(2_000, 6_001));
    }

    public override string ToString() =>
        $"{Members} members, starts at {StartsAfter.TotalSeconds:0.0} s, paid by {(PayBy == PayBy.Payout ? "payout calls" : $"{BankFiles} bank files")} " +
        $"over {PaymentsSpread.TotalSeconds:0.0} s, income {IncomeFen} fen, expenses {ExpensesFen} fen, reserve {ReserveBp} bp, welfare {WelfareBp} bp, patronage {PatronageBp} bp";
}
