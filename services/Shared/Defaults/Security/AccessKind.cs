namespace Platform.ServiceDefaults.Security;

public enum AccessKind
{
    /// <summary>Callable without a token (health, reflection).</summary>
    Public,

    /// <summary>Changes nothing; auditors may call it.</summary>
    Read,

    /// <summary>Changes state; never open to auditors; recorded in the audit trail.</summary>
    Write,
}
