namespace Platform.Dividends.Allocation;

/// <summary>The classes of shares a member household can hold; each has its own unit.</summary>
internal enum ShareClass
{
    /// <summary>人口股, in shares.</summary>
    Population = 1,

    /// <summary>农龄股, in shares.</summary>
    FarmAge = 2,

    /// <summary>土地股, in 1/100 mu.</summary>
    Land = 3,

    /// <summary>资金股, capital in fen.</summary>
    Capital = 4,

    /// <summary>扶贫优先股: relief funds quantified to a poor household, capital in fen.</summary>
    PovertyReliefPreferred = 5,

    /// <summary>集体股, in shares.</summary>
    Collective = 6,
}
