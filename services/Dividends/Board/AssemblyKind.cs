namespace Platform.Dividends.Board;

internal enum AssemblyKind
{
    /// <summary>成员大会.</summary>
    Members = 1,

    /// <summary>成员代表大会.</summary>
    Representatives = 2,
}
