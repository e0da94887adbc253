using System.Linq;
using System.Threading.Tasks;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Endpoints and models held in configuration, as most apps keep them: a typed client reads <c>IConfiguration</c> and
/// the values sit in <c>appsettings.json</c> (handed to the analyzers as an additional file by the package's build
/// targets). With the file, the request is known to go to DashScope with a thinking model; without it, nothing is
/// known and every rule stays silent; where environment files disagree, the value is unknown.
/// </summary>
public class AppSettingsTests
{
    private const string Service = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        public class TicketSummarizer(HttpClient http, IConfiguration configuration)
        {
            public async Task<string> SummarizeAsync(string ticket)
            {
                var section = configuration.GetSection("DashScope");
                var url = configuration["DashScope:BaseUrl"] + "/compatible-mode/v1/chat/completions";
                var body = new { model = section["Model"], stream = true, messages = new[] { new { role = "user", content = "Summarize: " + ticket } } };
                using var response = await http.PostAsJsonAsync(url, body);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    /// <summary>The whole endpoint in configuration: the source names no DashScope URL at all.</summary>
    private const string WholeUrlService = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        public class LabelClient(HttpClient http, IConfiguration configuration)
        {
            public async Task<string> LabelAsync(string text)
            {
                var endpoint = configuration.GetValue<string>("Llm:Endpoint");
                using var response = await http.PostAsJsonAsync(endpoint, new { model = configuration["Llm:Model"], messages = new[] { new { role = "user", content = text } } });
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private const string Settings = """
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "DashScope": { "BaseUrl": "https://dashscope-intl.aliyuncs.com", "Model": "qwen3.5-plus", "ApiKey": "" }
        }
        """;

    private static async Task<string> FoundAsync(params (string Path, string Text)[] files)
        => Analysis.Ids(await Analysis.RunAsync(Service, additionalFiles: files));

    private const string LlmSettings = """{ "Llm": { "Endpoint": "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions", "Model": "qwen3.6-flash" } }""";

    [Fact]
    public async Task Endpoint_and_model_from_appsettings_are_seen()
        => Assert.Equal("QW0001 QW0010 QW0016", await FoundAsync(("/app/appsettings.json", Settings)));

    [Fact]
    public async Task Without_the_settings_file_only_what_the_source_shows_is_known()
    {
        // The path is DashScope's own, so the request is known to be a Qwen chat call; the model is not. (QW0016: the
        // service asks for a stream and reads it whole, whatever the model.)
        Assert.Equal("QW0001 QW0016", await FoundAsync());
        Assert.Equal("QW0001 QW0016", await FoundAsync(("/app/catalog.json", Settings)));
    }

    [Fact]
    public async Task A_whole_endpoint_in_configuration_is_read_through_GetValue_and_the_indexer()
    {
        // Not streamed, uncapped, and a model that thinks by default: all three now known.
        Assert.Equal("QW0001 QW0002 QW0010", Analysis.Ids(await Analysis.RunAsync(WholeUrlService, additionalFiles: new[] { ("/app/appsettings.json", LlmSettings) })));
        // Without the file the source names no DashScope URL: no rule has anything to read.
        Assert.Equal("", Analysis.Ids(await Analysis.RunAsync(WholeUrlService)));
    }

    [Fact]
    public async Task Environment_files_that_agree_keep_the_value_and_ones_that_differ_make_it_unknown()
    {
        const string SameModel = """{ "DashScope": { "Model": "qwen3.5-plus" } }""";
        const string OtherModel = """{ "DashScope": { "Model": "qwen-plus" } }""";

        Assert.Equal("QW0001 QW0010 QW0016", await FoundAsync(("/app/appsettings.json", Settings), ("/app/appsettings.Development.json", SameModel)));
        // The host is still DashScope (one value): the cap advice holds; which model runs depends on the environment.
        Assert.Equal("QW0001 QW0016", await FoundAsync(("/app/appsettings.json", Settings), ("/app/appsettings.Production.json", OtherModel)));
    }

    [Fact]
    public async Task A_host_in_configuration_that_is_not_DashScope_wins_over_the_path()
        => Assert.Equal("", await FoundAsync(("/app/appsettings.json", Settings.Replace("https://dashscope-intl.aliyuncs.com", "https://api.example.com"))));

    private const string QwenSettingsJson = """{ "Qwen": { "Endpoint": "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions", "Model": "qwen3.5-flash" } }""";

    private static string OptionsApp(string registration, string service) => $$"""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        public sealed class QwenSettings
        {
            public string Endpoint { get; set; } = "";
            public string Model { get; set; } = "";
        }

        public static class Registration
        {
            public static void AddQwen(IServiceCollection services, IConfiguration configuration)
            {
                {{registration}}
            }
        }

        {{service}}
        """;

    private const string FieldService = """
        public class DraftService(HttpClient http, IOptions<QwenSettings> options)
        {
            private readonly QwenSettings _settings = options.Value;

            public async Task<string> DraftAsync(string note)
            {
                using var response = await http.PostAsJsonAsync(_settings.Endpoint, new { model = _settings.Model, messages = new[] { new { role = "user", content = note } } });
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    [Theory]
    [InlineData("services.Configure<QwenSettings>(configuration.GetSection(\"Qwen\"));")]
    [InlineData("services.AddOptions<QwenSettings>().Bind(configuration.GetSection(\"Qwen\"));")]
    [InlineData("services.AddOptions<QwenSettings>().BindConfiguration(\"Qwen\");")]
    public async Task Options_bound_to_a_section_are_read_through_their_properties(string registration)
    {
        var found = await Analysis.RunAsync(OptionsApp(registration, FieldService), additionalFiles: new[] { ("/app/appsettings.json", QwenSettingsJson) });
        Assert.Equal("QW0001 QW0002 QW0010", Analysis.Ids(found));
    }

    [Fact]
    public async Task Options_bound_to_two_sections_or_not_bound_are_unknown()
    {
        var files = new[] { ("/app/appsettings.json", QwenSettingsJson) };
        Assert.Equal("", Analysis.Ids(await Analysis.RunAsync(OptionsApp("", FieldService), additionalFiles: files)));
        Assert.Equal("", Analysis.Ids(await Analysis.RunAsync(OptionsApp(
            "services.Configure<QwenSettings>(configuration.GetSection(\"Qwen\")); services.Configure<QwenSettings>(configuration.GetSection(\"Backup\"));", FieldService), additionalFiles: files)));
    }

    [Fact]
    public async Task A_section_read_with_Get_and_a_snapshot_read_directly()
    {
        const string Service = """
            public class LabelService(HttpClient http, IConfiguration configuration, IOptionsSnapshot<QwenSettings> snapshot)
            {
                public async Task<string> LabelAsync(string text)
                {
                    var settings = configuration.GetSection("Qwen").Get<QwenSettings>()!;
                    using var response = await http.PostAsJsonAsync(settings.Endpoint, new { model = snapshot.Value.Model, max_tokens = 5, messages = new[] { new { role = "user", content = text } } });
                    return (await response.Content.ReadAsStringAsync()).Trim();
                }
            }
            """;
        var found = await Analysis.RunAsync(OptionsApp("services.Configure<QwenSettings>(configuration.GetSection(\"Qwen\"));", Service),
            additionalFiles: new[] { ("/app/appsettings.json", QwenSettingsJson) });
        // Capped and consumed: only the thinking model is left to report.
        Assert.Equal("QW0010", Analysis.Ids(found));
    }

    /// <summary>
    /// A section handed back by a helper of the project, typed as <c>IConfiguration</c>: its path is not shown, so a key
    /// read from it is unknown (it is not taken to be a key of the whole configuration, where another value sits).
    /// </summary>
    [Fact]
    public async Task A_section_from_a_helper_method_is_not_taken_for_the_whole_configuration()
    {
        const string Service = """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Configuration;

            public class DraftClient(HttpClient http, IConfiguration configuration)
            {
                private IConfiguration Qwen() => configuration.GetSection("Qwen");

                public async Task<string> DraftAsync(string note)
                {
                    using var response = await http.PostAsJsonAsync("https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",
                        new { model = Qwen()["Model"], max_tokens = 200, stream = true, messages = new[] { new { role = "user", content = note } } });
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """;
        // Were the helper's section taken for the whole configuration, "Model" would read the thinking model at the top.
        const string Settings = """{ "Model": "qwen3.5-plus", "Qwen": { "Model": "qwen-plus" } }""";
        // (QW0016 either way: the draft asks for a stream and reads it whole.)
        Assert.Equal("QW0016", Analysis.Ids(await Analysis.RunAsync(Service, additionalFiles: new[] { ("/app/appsettings.json", Settings) })));

        // The same section read where the code shows its path is known.
        var direct = Service.Replace("Qwen()[\"Model\"]", "configuration.GetSection(\"Qwen\")[\"Model\"]");
        Assert.Equal("QW0010 QW0016", Analysis.Ids(await Analysis.RunAsync(direct, additionalFiles: new[] { ("/app/appsettings.json", """{ "Qwen": { "Model": "qwen3.5-plus" } }""") })));
    }
}
