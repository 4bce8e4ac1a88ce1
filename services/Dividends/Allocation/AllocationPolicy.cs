namespace Platform.Dividends.Allocation;

/// <summary>How a cooperative divides its distributable surplus. Rates are basis points (1/10,000).</summary>
internal sealed record AllocationPolicy
{
    public int ReserveBp { get; init; }

    public int WelfareBp { get; init; }

    /// <summary>When set, and the distributable exceeds the threshold, members receive at most CapBp of it.</summary>
    public long? CapThresholdFen { get; init; }

    public int CapBp { get; init; }

    /// <summary>Guaranteed yearly return on preferred capital (保底分红), time-weighted.</summary>
    public int PreferredGuaranteeBp { get; init; }

    /// <summary>Share of what is left after guarantees that is returned by members' trade.</summary>
    public int PatronageBp { get; init; }

    /// <summary>Weight of one unit-day of each class in the shares part; a class not listed weighs 0.</summary>
    public IReadOnlyDictionary<ShareClass, int> ClassWeights { get; init; } = new Dictionary<ShareClass, int>();

    public bool PreferredJoinsProRata { get; init; }

    /// <summary>
    /// Set for a farmers' specialised cooperative (农民专业合作社法 第四十四条): the least share of the
    /// surplus left after the funds that must be returned by trade. The patronage part is then rounded
    /// up to the fen, and a draft whose patronage part falls below this share is refused.
    /// </summary>
    public int? PatronageFloorBp { get; init; }
}
