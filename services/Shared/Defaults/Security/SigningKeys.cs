using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// The keys a process trusts, what each may sign, and the one it signs with if it has a private key.
/// With one key (the embedded host, or a single shared key) every trusted key signs any token; with
/// split keys a people key signs people's tokens only and a service key only its own service's.
/// </summary>
public sealed class SigningKeys
{
    private readonly Dictionary<string, KeyTrust> trust = new(StringComparer.Ordinal);

    public SigningKeys(AuthOptions options)
    {
        if (options.SigningKey is not null)
        {
            Signing = LoadPrivate(options.SigningKey, createIfMissing: true);
        }

        var trusted = new List<SecurityKey>();
        void Trust(ECDsaSecurityKey key, KeyTrust what, string setting)
        {
            if (trust.TryGetValue(key.KeyId, out var already) && already != what)
            {
                throw new InvalidOperationException(
                    $"{setting} names a key that is also trusted as {already}: a key signs either people's tokens or one service's, never both.");
            }

            if (trust.TryAdd(key.KeyId, what))
            {
                trusted.Add(key);
            }
        }

        // Split keys: the own private key only signs this service's tokens, which it never checks itself.
        if (Signing is not null && !options.SplitKeys)
        {
            Trust(Signing, KeyTrust.Everything, "Platform:Auth:SigningKey");
        }

        foreach (var key in options.PublicKeys)
        {
            Trust(LoadPublic(key), KeyTrust.Everything, "Platform:Auth:PublicKeys");
        }

        foreach (var key in options.PeopleKeys)
        {
            Trust(LoadPublic(key), KeyTrust.People, "Platform:Auth:PeopleKeys");
        }

        foreach (var (name, key) in options.ServiceKeys)
        {
            Trust(LoadPublic(key), KeyTrust.OfService(name), $"Platform:Auth:ServiceKeys:{name}");
        }

        Trusted = trusted;
        Issuer = options.Issuer;
    }

    public ECDsaSecurityKey? Signing { get; }

    public IReadOnlyList<SecurityKey> Trusted { get; }

    /// <summary>What a token signed by this key (by its key id) may say; null for a key not trusted.</summary>
    public KeyTrust? TrustOf(string? keyId) => keyId is not null && trust.TryGetValue(keyId, out var what) ? what : null;

    public string Issuer { get; }

    /// <summary>
    /// Reads a private key from PEM text or from a file; a missing file is created with a new
    /// key readable by its owner only (the embedded host's first start, or `token --key`).
    /// </summary>
    public static ECDsaSecurityKey LoadPrivate(string pemOrPath, bool createIfMissing)
    {
        var ecdsa = ECDsa.Create();
        if (IsPem(pemOrPath))
        {
            ecdsa.ImportFromPem(pemOrPath);
        }
        else if (File.Exists(pemOrPath))
        {
            ecdsa.ImportFromPem(File.ReadAllText(pemOrPath));
        }
        else if (createIfMissing)
        {
            ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            if (!TryWriteNew(pemOrPath, ecdsa.ExportPkcs8PrivateKeyPem()))
            {
                // Another process created it in the meantime: use that one.
                ecdsa.ImportFromPem(File.ReadAllText(pemOrPath));
            }
        }
        else
        {
            throw new InvalidOperationException($"No signing key at {pemOrPath}.");
        }

        return WithId(ecdsa);
    }

    public static ECDsaSecurityKey LoadPublic(string pemOrPath)
    {
        var text = IsPem(pemOrPath) ? pemOrPath
            : File.Exists(pemOrPath) ? File.ReadAllText(pemOrPath)
            : throw new InvalidOperationException($"Platform:Auth:PublicKeys names {pemOrPath}, which is neither a PEM key nor a file.");
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(text);
        return WithId(ecdsa);
    }

    public static string PublicPem(ECDsaSecurityKey key) => key.ECDsa.ExportSubjectPublicKeyInfoPem();

    private static ECDsaSecurityKey WithId(ECDsa ecdsa)
    {
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"Signing keys are EC P-256; this one has {ecdsa.KeySize} bits.");
        }

        // The key id is derived from the public key, so a token names the key that signed it
        // and every holder of the same key agrees on the id.
        var id = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16];
        return new ECDsaSecurityKey(ecdsa) { KeyId = id };
    }

    private static bool IsPem(string value) => value.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);

    private static bool TryWriteNew(string path, string pem)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(pem);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
