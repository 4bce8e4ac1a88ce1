namespace Platform.Dividends.Income;

/// <summary>The funds a distribution draws from the surplus and the cooperative keeps across years.</summary>
internal enum Fund
{
    /// <summary>公积金</summary>
    Reserve = 1,

    /// <summary>公益金</summary>
    Welfare = 2,
}
