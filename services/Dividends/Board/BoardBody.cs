namespace Platform.Dividends.Board;

/// <summary>The two bodies whose signatures approve a distribution.</summary>
internal enum BoardBody
{
    /// <summary>理事会.</summary>
    Board = 1,

    /// <summary>监事会, or the single supervisor (执行监事).</summary>
    Supervisory = 2,
}
