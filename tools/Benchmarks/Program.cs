using BenchmarkDotNet.Running;
using EdaAspire.Benchmarks;

// `dotnet run -c Release --project tools/Benchmarks -- --filter '*'` runs them all with the short job below.
BenchmarkSwitcher.FromAssembly(typeof(ShortInProcessConfig).Assembly).Run(args, new ShortInProcessConfig());
