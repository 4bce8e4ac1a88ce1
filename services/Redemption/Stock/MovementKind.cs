namespace Platform.Redemption.Stock;

internal enum MovementKind
{
    Received = 1,
    Redeemed = 2,
    Returned = 3,
    WrittenOff = 4,
    Counted = 5,
    TransferredOut = 6,
    TransferredIn = 7,

    /// <summary>Handed out free by a gift run.</summary>
    Gifted = 8,
}
