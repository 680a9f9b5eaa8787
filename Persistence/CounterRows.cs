using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EdaAspire.Persistence;

/// <summary>
/// Counter rows shared by concurrent writers (minute buckets, product stats): incremented in SQL, never
/// read-modify-written, so two workers adding to the same row both count. A missing row is added; if
/// another writer adds it first, the transaction fails on the key and the batch is retried.
/// </summary>
public static class CounterRows
{
    public static async Task IncrementOrAddAsync<T>(
        this DbSet<T> rows,
        Expression<Func<T, bool>> key,
        Action<UpdateSettersBuilder<T>> increment,
        Func<T> create,
        CancellationToken cancellationToken)
        where T : class
    {
        if (await rows.Where(key).ExecuteUpdateAsync(increment, cancellationToken) == 0)
        {
            rows.Add(create());
        }
    }
}
