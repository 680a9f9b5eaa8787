using System.Globalization;
using System.Text;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>One trace as a tree of its spans: what to look at, and what the causal assertions walk.</summary>
public sealed class TraceTree(IReadOnlyCollection<TraceSpan> spans)
{
    private readonly Dictionary<string, TraceSpan> _byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());

    public IReadOnlyCollection<TraceSpan> Spans => _byId.Values;

    public TraceSpan? Parent(TraceSpan span) => span.ParentSpanId is { } id ? _byId.GetValueOrDefault(id) : null;

    public IEnumerable<TraceSpan> Children(TraceSpan span) => _byId.Values.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.Start);

    /// <summary>The span and its ancestors, root first; stops where a parent is missing.</summary>
    public List<TraceSpan> PathTo(TraceSpan span)
    {
        var path = new List<TraceSpan>();
        for (TraceSpan? current = span; current is not null; current = Parent(current))
        {
            path.Insert(0, current);
        }

        return path;
    }

    /// <summary>Renders the tree: service, span name, duration, indented by depth, children in start order.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        var roots = _byId.Values.Where(s => Parent(s) is null).OrderBy(s => s.Start);
        foreach (var root in roots)
        {
            Render(root, 0, text);
        }

        return text.ToString();
    }

    private void Render(TraceSpan span, int depth, StringBuilder text)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"{new string(' ', depth * 2)}{span.Service,-12} {span.Label}  {span.Duration.TotalMilliseconds:F1} ms\n");
        foreach (var child in Children(span))
        {
            Render(child, depth + 1, text);
        }
    }
}
