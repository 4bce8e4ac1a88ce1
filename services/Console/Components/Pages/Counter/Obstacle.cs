namespace Platform.WebConsole.Components.Pages.Counter;

/// <summary>Why a household cannot take (one more of) an item, as the counter sees it before asking.</summary>
internal enum Obstacle
{
    None,
    Retired,
    NotEligible,
    OutOfStock,
    OverLimit,
    NotEnoughPoints,
}
