namespace Platform.Scoring.Households;

/// <summary>A household's place in the poverty programmes; the values are those of the API's PovertyStatus.</summary>
internal enum PovertyStatus
{
    None = 1,

    /// <summary>建档立卡.</summary>
    Registered = 2,

    /// <summary>已脱贫.</summary>
    LiftedOut = 3,

    /// <summary>监测户: monitored against falling (back) into poverty.</summary>
    Monitored = 4,
}
