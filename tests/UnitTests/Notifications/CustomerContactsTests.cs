using EdaAspire.Notifications.Worker;

namespace EdaAspire.UnitTests.Notifications;

public class CustomerContactsTests
{
    [Fact]
    public void A_customer_gets_the_same_made_up_address_and_number_every_time()
    {
        Assert.Equal("c-1@customers.example", CustomerContacts.EmailOf("c-1"));
        Assert.Equal(CustomerContacts.PhoneOf("c-1"), CustomerContacts.PhoneOf("c-1"));
        Assert.Matches(@"^\+447700900\d{3}$", CustomerContacts.PhoneOf("c-1"));
    }

    [Fact]
    public void Characters_an_address_cannot_hold_are_replaced()
    {
        Assert.Equal("ada_lovelace__1@customers.example", CustomerContacts.EmailOf("ada lovelace\r\n1"));
        Assert.Equal("_@customers.example", CustomerContacts.EmailOf(""));
    }
}
