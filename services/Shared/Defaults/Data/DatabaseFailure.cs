namespace Platform.ServiceDefaults.Data;

/// <summary>What kind of database failure an exception is, as <see cref="DatabaseErrors"/> classifies it.</summary>
public enum DatabaseFailure
{
    /// <summary>Not one the platform answers in its own way: a bug, or a failure of something else.</summary>
    None,

    /// <summary>A unique key or primary key already holds the value: usually a concurrent retry got there first.</summary>
    UniqueViolation,

    /// <summary>A deadlock or serialization failure (or SQLite busy): the database undid the transaction to let another through.</summary>
    Conflict,

    /// <summary>The database could not be reached, lost the connection, or is shutting down or starting.</summary>
    Unavailable,
}
