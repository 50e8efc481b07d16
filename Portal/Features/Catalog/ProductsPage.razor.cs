using Microsoft.AspNetCore.Components;
using Portal.Features.Sites;

namespace Portal.Features.Catalog;

/// <summary><c>/admin/products</c>: the shop's products and stock per size and colour, searched as the bot searches them. Read-only.</summary>
public sealed partial class ProductsPage
{
    private IReadOnlyList<Site> _sites = [];
    private Guid _siteId;
    private IReadOnlyList<ProductDto> _products = [];
    private string? _search;
    private bool _loading;
    // Set once the circuit is up (after the prerendered page), when the search box starts to work.
    private bool _live;

    [Inject] private SiteDirectory Sites { get; set; } = default!;
    [Inject] private ProductCatalog Catalog { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _sites = await Sites.ListAsync();
        _siteId = _sites.FirstOrDefault()?.Id ?? Guid.Empty;
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = true;
            StateHasChanged();
        }
    }

    private async Task ChangeSiteAsync(Guid siteId)
    {
        _siteId = siteId;
        await LoadAsync();
    }

    private async Task SearchAsync(string? search)
    {
        _search = search;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_siteId == Guid.Empty)
            return;
        _loading = true;
        _products = await Catalog.ListAsync(_siteId, _search);
        _loading = false;
    }

    private static string VariantName(ProductVariant variant) =>
        string.Join(" · ", new[] { variant.Size, variant.Colour }.Where(part => part is not null)) is { Length: > 0 } name ? name : "one size";
}
