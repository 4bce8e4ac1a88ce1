using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Security;

/// <summary>The keys a process trusts, and the one it signs with if it has a private key.</summary>
public sealed class SigningKeys
{
    public SigningKeys(AuthOptions options)
    {
        if (options.SigningKey is not null)
        {
            Signing = LoadPrivate(options.SigningKey, createIfMissing: true);
        }

        var trusted = new List<SecurityKey>();
        if (Signing is not null)
        {
            trusted.Add(Signing);
        }

        trusted.AddRange(options.PublicKeys.Select(LoadPublic));
        Trusted = trusted;
        Issuer = options.Issuer;
    }

    public ECDsaSecurityKey? Signing { get; }

    public IReadOnlyList<SecurityKey> Trusted { get; }

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
