using System.Globalization;

namespace EdaAspire.Web.Dashboard.Admin.LoadGeneration;

/// <summary>Weighted products to draw from: <c>p-1:5, p-2:3, p-3</c> picks p-1 half of the time.</summary>
public sealed class ProductMix
{
    private readonly (string Product, int CumulativeWeight)[] _products;

    private ProductMix((string Product, int CumulativeWeight)[] products) => _products = products;

    public IReadOnlyList<string> Products => _products.Select(p => p.Product).ToList();

    public int TotalWeight => _products[^1].CumulativeWeight;

    /// <exception cref="FormatException">Empty, or a weight that is not a positive whole number.</exception>
    public static ProductMix Parse(string text)
    {
        var total = 0;
        var products = new List<(string, int)>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            var weight = 1;
            if (parts[0].Length == 0 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight < 1)))
            {
                throw new FormatException($"'{entry}' is not 'product' or 'product:weight' with a positive whole weight.");
            }

            total += weight;
            products.Add((parts[0], total));
        }

        return products.Count > 0 ? new ProductMix([.. products]) : throw new FormatException("Name at least one product.");
    }

    /// <summary>The product at <paramref name="draw"/> in [0, <see cref="TotalWeight"/>).</summary>
    public string Pick(int draw)
    {
        foreach (var (product, cumulative) in _products)
        {
            if (draw < cumulative)
            {
                return product;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(draw), draw, $"Draws go from 0 to {TotalWeight - 1}.");
    }

    public string Pick(Random random) => Pick(random.Next(TotalWeight));
}
