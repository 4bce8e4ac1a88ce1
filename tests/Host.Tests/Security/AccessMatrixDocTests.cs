using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests.Security;

public sealed class AccessMatrixDocTests
{
    [Fact]
    public async Task The_access_matrix_in_docs_is_the_one_the_access_tables_enforce()
    {
        using var data = new TempFolder();
        var app = Program.Build([$"--Platform:DataFolder={data.Path}", "--Platform:Auth:SigningKey=" + TestTokens.SigningKeyPem]);
        await using var _ = app;
        var generated = AccessMatrixDoc.Render(app.Services.GetRequiredService<AccessPolicy>().Rules);

        var path = Path.Combine(RepositoryRoot(), "docs", "access-matrix.md");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
        }

        var written = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(written == generated.ReplaceLineEndings("\n"),
            "docs/access-matrix.md differs from the access tables; regenerate it: UPDATE_DOCS=1 dotnet test tests/Host.Tests --filter AccessMatrixDocTests");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository; Platform.sln was not found above " + AppContext.BaseDirectory);
    }
}
