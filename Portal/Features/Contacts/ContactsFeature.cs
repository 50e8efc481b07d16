namespace Portal.Features.Contacts;

public static class ContactsFeature
{
    public static WebApplicationBuilder AddContacts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContactDirectory>();
        return builder;
    }
}
