namespace Qwen.Analyzers.Tests;

/// <summary>The token estimate every cache and cap rule rests on: four Latin characters a token, one a CJK character.</summary>
public class QwenLimitsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 0)]
    [InlineData("abcd", 1)]
    [InlineData("You are a helpful assistant.", 7)]
    [InlineData("你好世界", 4)]
    [InlineData("こんにちは", 5)]
    [InlineData("カタカナ", 4)]
    [InlineData("안녕하세요", 5)]
    [InlineData("請用中文回答 in Chinese", 6 + 11 / 4)]
    public void Estimates_tokens(string text, int tokens) => Assert.Equal(tokens, QwenLimits.EstimateTokens(text));

    [Fact]
    public void Counts_wide_characters_only_in_the_CJK_blocks()
    {
        Assert.Equal(0, QwenLimits.WideCharacters("Ωmega café — naïve"));
        Assert.Equal(3, QwenLimits.WideCharacters("a中b文c字"));
        Assert.Equal(1, QwenLimits.WideCharacters("\u3400"));   // extension A
        Assert.Equal(1, QwenLimits.WideCharacters("\uF900"));   // compatibility ideographs
    }

    [Fact]
    public void A_run_of_unseen_characters_counts_as_Latin() => Assert.Equal(250, QwenLimits.EstimateTokens(1000));
}
