using Portal.Features.Audit;

namespace Portal.Tests.Features.Audit;

public sealed class AuditChainTests
{
    private static AuditEntry Entry(long id, string previousHash, string action = "order.cancelled", string? after = """{"status":"cancelled"}""")
    {
        var entry = new AuditEntry
        {
            Id = id, At = new DateTime(2026, 11, 26, 8, 30, 0, DateTimeKind.Utc).AddTicks(id * 1234567), ActorId = "u1", ActorName = "李娜 Li Na",
            IpAddress = "203.0.113.9", Action = action, Target = "order:demo-shop/1002", Before = """{"status":"paid"}""", After = after,
            PreviousHash = previousHash, Hash = "",
        };
        entry.Hash = AuditChain.HashOf(entry);
        return entry;
    }

    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        for (var id = 1; id <= length; id++)
            entries.Add(Entry(id, entries.Count == 0 ? AuditChain.Genesis : entries[^1].Hash));
        return entries;
    }

    private static long? FirstBreak(IEnumerable<AuditEntry> entries)
    {
        var previous = AuditChain.Genesis;
        foreach (var entry in entries)
        {
            if (AuditChain.ProblemWith(entry, previous) is not null)
                return entry.Id;
            previous = entry.Hash;
        }
        return null;
    }

    [Fact]
    public void The_first_entry_follows_64_zeros_and_hashes_are_lowercase_hex_sha256()
    {
        var first = Chain(1)[0];
        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void An_untouched_chain_holds() => Assert.Null(FirstBreak(Chain(5)));

    [Fact]
    public void Changing_any_field_breaks_the_chain_at_that_entry()
    {
        foreach (var tamper in new Action<AuditEntry>[]
        {
            e => e.ActorName = "someone else", e => e.IpAddress = null, e => e.After = """{"status":"paid"}""",
            e => e.At = e.At.AddTicks(1), e => e.Action = "order.restored", e => e.Target = "order:demo-shop/1003",
        })
        {
            var chain = Chain(5);
            tamper(chain[2]);
            Assert.Equal(3, FirstBreak(chain));
        }
    }

    [Fact]
    public void Removing_an_entry_breaks_the_chain_at_the_one_after_it()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        Assert.Equal(4, FirstBreak(chain));
    }

    [Fact]
    public void Rehashing_a_changed_entry_still_breaks_the_chain_at_the_next_one()
    {
        var chain = Chain(5);
        chain[1].ActorName = "someone else";
        chain[1].Hash = AuditChain.HashOf(chain[1]);
        Assert.Equal(3, FirstBreak(chain));
    }

    [Fact]
    public void Field_boundaries_are_part_of_the_hash()
    {
        var a = Entry(1, AuditChain.Genesis);
        var b = Entry(1, AuditChain.Genesis);
        (a.ActorName, a.IpAddress) = ("ab", "c");
        (b.ActorName, b.IpAddress) = ("a", "bc");
        Assert.NotEqual(AuditChain.HashOf(a), AuditChain.HashOf(b));
    }
}

public sealed class AuditDiffTests
{
    [Fact]
    public void Only_the_fields_that_changed_are_listed()
    {
        var changes = AuditDiff.Compare(
            """{"status":"paid","total":1299,"items":[{"name":"Down jacket","quantity":1}],"deletedAt":null}""",
            """{"status":"cancelled","total":1299,"items":[{"name":"Down jacket","quantity":2}],"deletedAt":null}""");
        Assert.Equal([new AuditChange("status", "paid", "cancelled"), new AuditChange("items[0].quantity", "1", "2")], changes);
    }

    [Fact]
    public void A_creation_lists_every_field_as_new()
    {
        var changes = AuditDiff.Compare(null, """{"number":"1002","status":"paid"}""");
        Assert.Equal([new AuditChange("number", null, "1002"), new AuditChange("status", null, "paid")], changes);
    }
}

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("王芳", "王芳")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData(null, "")]
    public void Cells_are_escaped_as_RFC_4180_and_never_run_as_formulas(string? cell, string expected) =>
        Assert.Equal(expected, AuditCsv.Escape(cell));
}
