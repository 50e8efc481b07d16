using Portal.Hosting;

namespace Portal.Tests.Hosting;

/// <summary>When the server gives memory back: after it grew and went quiet, never while it is busy, once per growth.</summary>
public sealed class MemoryReleasePolicyTests
{
    private const long MB = 1L << 20;

    [Fact]
    public void A_heap_that_grew_by_the_threshold_is_released_once_the_server_is_quiet()
    {
        var policy = new MemoryReleasePolicy(committedAfterRelease: 60 * MB, allocatedAtRelease: 0);

        // A rush: 200 MB allocated in one check, the heap 40 MB bigger. Busy: no pause now.
        Assert.False(policy.ShouldRelease(committed: 100 * MB, allocated: 200 * MB));
        // The rush is over: little allocated since, the heap still 40 MB bigger.
        Assert.True(policy.ShouldRelease(committed: 100 * MB, allocated: 205 * MB));
    }

    [Fact]
    public void A_quiet_server_that_did_not_grow_enough_is_left_alone()
    {
        var policy = new MemoryReleasePolicy(committedAfterRelease: 60 * MB, allocatedAtRelease: 0);

        Assert.False(policy.ShouldRelease(committed: 60 * MB + MemoryReleasePolicy.Growth - 1, allocated: MB));
        Assert.True(policy.ShouldRelease(committed: 60 * MB + MemoryReleasePolicy.Growth, allocated: 2 * MB));
    }

    [Fact]
    public void After_a_release_only_new_growth_counts()
    {
        var policy = new MemoryReleasePolicy(committedAfterRelease: 60 * MB, allocatedAtRelease: 0);
        Assert.True(policy.ShouldRelease(committed: 130 * MB, allocated: MB));

        // The collection kept 110 MB (thousands of connections still open): that is the new floor.
        policy.Released(committedAfter: 110 * MB, allocated: 2 * MB);
        Assert.False(policy.ShouldRelease(committed: 130 * MB, allocated: 3 * MB));
        Assert.True(policy.ShouldRelease(committed: 142 * MB, allocated: 4 * MB));
    }

    [Fact]
    public void Steady_traffic_never_triggers_a_release_however_big_the_heap()
    {
        var policy = new MemoryReleasePolicy(committedAfterRelease: 60 * MB, allocatedAtRelease: 0);
        for (var check = 1; check <= 10; check++)
            Assert.False(policy.ShouldRelease(committed: 500 * MB, allocated: check * 500 * MB));
    }
}
