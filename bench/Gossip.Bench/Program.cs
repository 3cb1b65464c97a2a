using FunctionalGossip.Bench;

return args.FirstOrDefault() switch
{
    "startup" => NodeProcessBench.Startup(args.Skip(1).ToArray()),
    "input-cost" => NodeProcessBench.InputCost(args.Skip(1).ToArray()),
    "rss" => NodeProcessBench.IdleRss(args.Skip(1).ToArray()),
    "read-cost" => NodeProcessBench.ReadCost(args.Skip(1).ToArray()),
    "step" => StepBench.Run(args.Skip(1).ToArray()),
    "sim" => SimBench.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run --project bench/Gossip.Bench -c Release -- <bench> [options]
          startup [--bin bin/gossip] [--runs 50]   spawn to init_ok, per run
          input-cost [--bin bin/gossip] [--count 3000]  a peer's gossip in to gossip_ok out,
                                                   one in flight (per-input cost, µs)
          rss     [--bin bin/gossip]               resident memory after init + 1000 values,
                                                   idle 2 s
          read-cost [--bin bin/gossip] [--values 30000] [--reads 300]  read to read_ok
                                                   round trip and node CPU per read
          step    [--repeat 10]                    Step throughput on a 25-node broadcast mix
          sim     [--repeat 5] [-- <test args>]    the 3d simulation (or `gossip test --sim` with
                                                   the given arguments) in-process: phases,
                                                   allocation
        """);
    return 2;
}
