namespace Shop.Infrastructure;

/// <summary>Prompt texts shared by the application services.</summary>
public static class Prompts
{
    public const string Merchandiser = "You write product copy for an outdoor-gear shop. Plain English, no superlatives.";

    public static string Summary(string order) => "Summarize this order for the packing team in two sentences:\n" + order;

    public static string GiftNote(string order) => "Write a one-line gift note for this order:\n" + order;
}
