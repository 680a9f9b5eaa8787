using AngleSharp.Dom;
using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Components.Pages;
using EdaAspire.Web.Dashboard.Overview;
using EdaAspire.WorkQueue;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EdaAspire.DashboardTests.Operations;

public sealed class DeadLettersPageTests : OperationsContext
{
    [Fact]
    public async Task Lists_each_dead_letter_with_its_reason_deliveries_and_indented_body()
    {
        As(development: true, admin: false);
        await DeadLetterAsync("PoisonMessage", "MalformedBody");

        var page = Render<DeadLetters>();

        var rows = Rows(page);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["PoisonMessage", "MalformedBody"], rows.Select(r => r.QuerySelector("[data-testid=dead-letter-reason]")!.TextContent));
        Assert.Contains("PoisonMessage description", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("1", rows[0].QuerySelector("[data-testid=dead-letter-deliveries]")!.TextContent.Trim());
        Assert.Contains("shop.fulfillment.authorize_payment.v1", rows[0].TextContent, StringComparison.Ordinal);

        page.FindAll("[data-testid=dead-letter-toggle]")[0].Click();
        var body = page.Find("[data-testid=dead-letter-body]").TextContent;
        Assert.Contains("\n  \"orderId\": \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resubmitting_one_puts_it_back_on_the_queue_and_it_leaves_the_list()
    {
        As(development: true, admin: false);
        var ids = await DeadLetterAsync("PoisonMessage", "PoisonMessage");
        var page = Render<DeadLetters>();

        Rows(page).Single(r => r.GetAttribute("data-message-id") == ids[0]).QuerySelector("button[data-testid=dead-letter-resubmit]")!.Click();

        page.WaitForAssertion(() => Assert.Equal([ids[1]], Rows(page).Select(r => r.GetAttribute("data-message-id"))));
        var counts = await Queue.GetCountsAsync();
        Assert.Equal(1, counts.Active);
        Assert.Equal(1, counts.DeadLettered);
        var resubmitted = Assert.Single(await Queue.ReceiveAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(ids[0], resubmitted.MessageId);
        Assert.Equal(1, resubmitted.DeliveryCount);
    }

    [Fact]
    public async Task Resubmit_all_empties_the_dead_letter_queue_into_the_queue()
    {
        As(development: true, admin: false);
        await DeadLetterAsync("PoisonMessage", "MalformedBody", "PoisonMessage");
        var page = Render<DeadLetters>();

        page.Find("button[data-testid=resubmit-all]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=no-dead-letters]"));
        var counts = await Queue.GetCountsAsync();
        Assert.Equal(new QueueCounts(3, 0, 0, 0), counts with { InFlight = 0 });
    }

    [Fact]
    public async Task Purge_asks_first_cancel_keeps_the_letters_and_confirm_deletes_them()
    {
        As(development: true, admin: false);
        await DeadLetterAsync("PoisonMessage", "PoisonMessage");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<DeadLetters>();

        page.Find("button[data-testid=purge]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("All 2 dead letter(s) are deleted for good", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find("button[data-testid=purge-cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("button[data-testid=purge-confirm]")));
        Assert.Equal(2, (await Queue.GetCountsAsync()).DeadLettered);

        page.Find("button[data-testid=purge]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=purge-confirm]"));
        dialogs.Find("button[data-testid=purge-confirm]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=no-dead-letters]"));
        Assert.Equal(0, (await Queue.GetCountsAsync()).DeadLettered);
    }

    [Fact]
    public async Task Outside_development_someone_not_in_role_admin_sees_the_letters_but_no_actions()
    {
        As(development: false, admin: false);
        await DeadLetterAsync("PoisonMessage");
        Services.GetRequiredService<NavigationManager>().NavigateTo("dead-letters");

        var page = Render<DeadLetters>();

        Assert.Single(Rows(page));
        Assert.Empty(page.FindAll("[data-testid=resubmit-all], [data-testid=purge], [data-testid=dead-letter-resubmit], [data-testid=admin-open]"));
        Assert.Equal("admin/login?returnUrl=%2Fdead-letters", page.Find("[data-testid=admin-login-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task Outside_development_an_operator_in_role_admin_may_act()
    {
        As(development: false, admin: true);
        await DeadLetterAsync("PoisonMessage");

        var page = Render<DeadLetters>();

        page.Find("button[data-testid=dead-letter-resubmit]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=no-dead-letters]"));
        Assert.Empty(page.FindAll("[data-testid=admin-open], [data-testid=admin-closed]"));
    }

    [Fact]
    public async Task In_development_the_actions_are_open_and_the_page_says_so()
    {
        As(development: true, admin: false);
        await DeadLetterAsync("PoisonMessage");

        var page = Render<DeadLetters>();

        Assert.Contains("runs in Development", page.Find("[data-testid=admin-open]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("button[data-testid=dead-letter-resubmit]"));
    }

    [Fact]
    public async Task A_new_dead_letter_count_from_the_sampler_refreshes_the_open_list()
    {
        As(development: true, admin: false);
        await DeadLetterAsync("PoisonMessage");
        var page = Render<DeadLetters>();
        Assert.Single(Rows(page));

        await DeadLetterAsync("MalformedBody");
        History.Add(Samples.At(DateTimeOffset.UtcNow) with { Queue = new QueueCounts(0, 0, 2, 0) });

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<DeadLetters> page) => page.FindAll("[data-testid=dead-letter-row]");
}
