namespace EdaAspire.Standalone;

/// <summary>One console for every child: each line prefixed with its service's name, in its own colour on a terminal.</summary>
public sealed class ConsoleLog
{
    private static readonly string[] Colours = ["36", "33", "35", "32", "34"];
    private readonly bool _ansi = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Dictionary<string, string> _colourByName = [];
    private readonly Lock _gate = new();

    public void Write(string name, string line) => Emit(name, line, error: false);

    public void Error(string name, string line) => Emit(name, line, error: true);

    public void Info(string line) => Emit("standalone", line, error: false);

    private void Emit(string name, string line, bool error)
    {
        lock (_gate)
        {
            if (!_colourByName.TryGetValue(name, out var colour))
            {
                colour = Colours[_colourByName.Count % Colours.Length];
                _colourByName[name] = colour;
            }

            var prefix = _ansi ? $"\u001b[{(error ? "31" : colour)}m[{name}]\u001b[0m" : $"[{name}]";
            Console.Out.WriteLine($"{prefix} {line}");
        }
    }
}
