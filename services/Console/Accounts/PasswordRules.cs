using System.Security.Cryptography;

namespace Platform.WebConsole.Accounts;

/// <summary>What a password must be, and the one-time passwords the console hands out.</summary>
internal static class PasswordRules
{
    public const int MinimumLength = 8;

    // No 0/O, 1/l/I: a one-time password is read off paper and typed by someone else.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void Check(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            throw new AccountException(AccountProblem.PasswordTooShort);
        }
    }

    public static string OneTime() => RandomNumberGenerator.GetString(Alphabet, 12);
}
