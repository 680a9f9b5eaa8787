// Each test starts the whole system (five processes); on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
