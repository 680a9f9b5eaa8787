using EdaAspire.Catalog.Api.Data;
using EdaAspire.Contracts.Catalog;
using EdaAspire.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Catalog.Api.Products;

/// <summary>
/// Plain CRUD over <c>Products</c>. Updates and deletes need <c>If-Match</c> with the product's ETag (428 without it,
/// 412 when another change came first). Nothing here publishes: the database's change record is what gets captured.
/// </summary>
public static class ProductsApi
{
    private const long MaxBodyBytes = 16 * 1024;
    private const string BodyAdvice = "a product is a few small fields.";

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/products").WithTags("Products");
        api.MapGet("/", ListAsync).WithName("ListProducts").WithSummary("Every product, by id");
        api.MapGet("/{id}", GetAsync).WithName("GetProduct").WithSummary("One product, with its ETag");
        api.MapPost("/", CreateAsync).WithName("CreateProduct").WithSummary("Add a product under the id its body names")
            .AcceptsJsonBody(CatalogJsonContext.Default.ProductRequest, _ => MaxBodyBytes, BodyAdvice);
        api.MapPut("/{id}", UpdateAsync).WithName("UpdateProduct").WithSummary("Replace a product's fields; If-Match required")
            .AcceptsJsonBody(CatalogJsonContext.Default.ProductRequest, _ => MaxBodyBytes, BodyAdvice);
        api.MapDelete("/{id}", DeleteAsync).WithName("DeleteProduct").WithSummary("Remove a product; If-Match required");
        return app;
    }

    public static async Task<Ok<List<ProductResponse>>> ListAsync(CatalogDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => Response(p)).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
        {
            return NotFound(id);
        }

        ProductETag.Write(context, product);
        return TypedResults.Ok(Response(product));
    }

    public static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonBody<ProductRequest> body, HttpContext context, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (ProductValidator.Validate(request, routeId: null) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = new Product { Id = request!.Id!, Name = request.Name!, Currency = request.Currency! };
        Apply(product, request);
        if (await db.Products.AnyAsync(p => p.Id == product.Id, cancellationToken))
        {
            return Exists(product.Id);
        }

        db.Products.Add(product);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created it between the check and the insert (the primary key refused this one).
            db.ChangeTracker.Clear();
            if (await db.Products.AnyAsync(p => p.Id == product.Id, cancellationToken))
            {
                return Exists(product.Id);
            }

            throw;
        }

        ProductETag.Write(context, product);
        return TypedResults.Created($"/api/products/{product.Id}", Response(product));
    }

    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, JsonBody<ProductRequest> body, HttpContext context, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (ProductValidator.Validate(request, routeId: id) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (product, problem) = await FindForChangeAsync(id, context.Request, db, cancellationToken);
        if (product is null)
        {
            return problem!;
        }

        Apply(product, request!);
        product.Version++;
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return PreconditionFailed(product);
        }

        ProductETag.Write(context, product);
        return TypedResults.Ok(Response(product));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext context, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var (product, problem) = await FindForChangeAsync(id, context.Request, db, cancellationToken);
        if (product is null)
        {
            return problem!;
        }

        db.Products.Remove(product);
        return await TrySaveAsync(db, cancellationToken) ? TypedResults.NoContent() : PreconditionFailed(product);
    }

    /// <summary>
    /// The product a change may apply to, tracked, or why not: 428 without <c>If-Match</c>, 404, 412 when the ETag is not
    /// its current version. The version read stays the UPDATE's or DELETE's condition, so a change in between also fails.
    /// </summary>
    private static async Task<(Product? Product, ProblemHttpResult? Problem)> FindForChangeAsync(
        string id, HttpRequest request, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var ifMatch = ProductETag.Read(request);
        if (!ifMatch.Present)
        {
            return (null, PreconditionRequired(id));
        }

        if (await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } product)
        {
            return (null, NotFound(id));
        }

        return ifMatch.Expected(product.Version) is null ? (null, PreconditionFailed(product)) : (product, null);
    }

    /// <summary>Saves; false when the row's version moved since it was read (the concurrency token's WHERE matched nothing).</summary>
    private static async Task<bool> TrySaveAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static void Apply(Product product, ProductRequest request)
    {
        product.Name = request.Name!;
        product.Price = request.Price!.Value;
        product.Currency = request.Currency!;
        product.Active = request.Active ?? true;
    }

    private static ProductResponse Response(Product p) => new(p.Id, p.Name, p.Price, p.Currency, p.Active, p.Version);

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product", detail: $"There is no product '{id}'.");

    private static ProblemHttpResult Exists(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Product exists",
            detail: $"Product '{id}' exists already; change it with PUT /api/products/{id}.");

    private static ProblemHttpResult PreconditionRequired(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
            detail: $"Send If-Match with the ETag of GET /api/products/{id}, so a change made since is not overwritten.");

    private static ProblemHttpResult PreconditionFailed(Product current) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Product changed",
            detail: $"Product '{current.Id}' changed since that ETag; read it again (GET) and retry with its new ETag.");
}
