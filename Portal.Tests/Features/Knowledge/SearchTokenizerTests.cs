using Portal.Features.Knowledge.Retrieval;

namespace Portal.Tests.Features.Knowledge;

public sealed class SearchTokenizerTests
{
    [Fact]
    public void Traditional_and_Simplified_questions_give_the_same_terms()
    {
        Assert.Equal(SearchTokenizer.Tokenize("羽绒服怎么退货？"), SearchTokenizer.Tokenize("羽絨服怎麼退貨?"));
        Assert.Equal(SearchTokenizer.Tokenize("refund 运费"), SearchTokenizer.Tokenize("ＲＥＦＵＮＤ　運費"));
    }

    [Fact]
    public void Chinese_gives_each_character_and_each_pair_of_neighbours_cut_at_question_words()
    {
        var terms = SearchTokenizer.Tokenize("羽绒服怎么退货");

        Assert.Equal(["羽", "绒", "羽绒", "服", "绒服", "退", "货", "退货"], terms);
    }

    [Fact]
    public void English_gives_lower_case_stemmed_words_without_the_commonest_words()
    {
        Assert.Equal(["return", "refund", "exchang", "exchang", "ship", "work"],
            SearchTokenizer.Tokenize("How do Returns and REFUNDS, exchanges, exchanged shipping work?"));
    }

    [Fact]
    public void A_letter_before_Chinese_stays_with_it_and_numbers_part_from_units()
    {
        Assert.Contains("t恤", SearchTokenizer.Tokenize("T恤买一送一吗"));
        Assert.Equal(["170", "cm"], SearchTokenizer.Tokenize("170cm"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂🙂")]
    [InlineData("？？？!!!")]
    public void Text_without_words_gives_no_terms(string text) => Assert.Empty(SearchTokenizer.Tokenize(text));
}
