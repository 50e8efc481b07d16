namespace Portal.Features.Knowledge.Retrieval;

/// <summary>A search result: the document's key and its BM25 score (higher is better; not bounded).</summary>
public readonly record struct ScoredKey<TKey>(TKey Key, double Score);

/// <summary>
/// An immutable in-memory BM25 index (BM25F: each field's term counts are weighted and length-normalized before
/// saturation, so a word in a title counts more than the same word in a body) over <see cref="SearchTokenizer"/> terms.
/// Single Chinese characters count for less than pairs and words, and alone never make a match: a question that has
/// pairs or words must share one of them with a document, and the more of those the index knows it shares, the better.
/// Built in one go; rebuild it when the documents change.
/// </summary>
public sealed class Bm25Index<TKey>
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double SingleCharacterWeight = 0.3;

    // As if there were at least this many documents: in a young knowledge base of three articles every word would
    // look common and score next to nothing, though each is still rare among all the questions shoppers ask.
    private const int MinimumCollectionSize = 30;

    private readonly TKey[] _keys;
    private readonly Dictionary<string, List<(int Document, double Frequency)>> _postings = new(StringComparer.Ordinal);

    /// <param name="documents">Each document's key and the texts of its fields, in the order of <paramref name="fieldWeights"/>.</param>
    /// <param name="fieldWeights">How much a term in each field counts (e.g. title 3, body 1).</param>
    public Bm25Index(IEnumerable<(TKey Key, IReadOnlyList<string?> Fields)> documents, IReadOnlyList<double> fieldWeights)
    {
        var tokenized = documents.Select(d => (d.Key, Fields: d.Fields.Select(SearchTokenizer.Tokenize).ToArray())).ToArray();
        _keys = [.. tokenized.Select(d => d.Key)];
        var averageLengths = Enumerable.Range(0, fieldWeights.Count)
            .Select(f => tokenized.Length == 0 ? 0 : tokenized.Average(d => (double)d.Fields[f].Count)).ToArray();

        for (var document = 0; document < tokenized.Length; document++)
        {
            var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var field = 0; field < fieldWeights.Count; field++)
            {
                var terms = tokenized[document].Fields[field];
                var lengthNorm = averageLengths[field] == 0 ? 1 : 1 - B + B * terms.Count / averageLengths[field];
                foreach (var term in terms)
                    frequencies[term] = frequencies.GetValueOrDefault(term) + fieldWeights[field] / lengthNorm;
            }
            foreach (var (term, frequency) in frequencies)
            {
                if (!_postings.TryGetValue(term, out var list))
                    _postings[term] = list = [];
                list.Add((document, frequency));
            }
        }
    }

    /// <summary>The documents that match <paramref name="query"/> with at least <paramref name="minimumScore"/>, best first.</summary>
    public IReadOnlyList<ScoredKey<TKey>> Search(string? query, double minimumScore)
    {
        var queryTerms = SearchTokenizer.Tokenize(query).Distinct(StringComparer.Ordinal).ToList();
        var onlySingleCharacters = queryTerms.All(SearchTokenizer.IsSingleCharacter);
        var terms = queryTerms.Where(_postings.ContainsKey).ToList();
        var strongWeight = terms.Where(t => !SearchTokenizer.IsSingleCharacter(t)).Sum(t => InverseDocumentFrequency(_postings[t].Count));
        var scores = new Dictionary<int, (double Score, double StrongWeight)>();
        foreach (var term in terms)
        {
            var postings = _postings[term];
            var single = SearchTokenizer.IsSingleCharacter(term);
            var idf = InverseDocumentFrequency(postings.Count);
            foreach (var (document, frequency) in postings)
            {
                var (score, strong) = scores.GetValueOrDefault(document);
                scores[document] = (score + (single ? SingleCharacterWeight : 1) * idf * frequency * (K1 + 1) / (frequency + K1), strong + (single ? 0 : idf));
            }
        }
        // Coordination (as in Lucene's classic scoring): a document scores in proportion to how much of the question's
        // pairs and words it has, so 7 天无理由退货 (羽绒服… mentioned in passing) beats 羽绒服怎么洗 for 羽绒服怎么退货.
        return [.. scores
            .Where(s => onlySingleCharacters || s.Value.StrongWeight > 0)
            .Select(s => (Document: s.Key, Score: onlySingleCharacters ? s.Value.Score : s.Value.Score * s.Value.StrongWeight / strongWeight))
            .Where(s => s.Score >= minimumScore)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Document)
            .Select(s => new ScoredKey<TKey>(_keys[s.Document], s.Score))];
    }

    private double InverseDocumentFrequency(int documentFrequency) =>
        Math.Log(1 + (Math.Max(_keys.Length, MinimumCollectionSize) - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
