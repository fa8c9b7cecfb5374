"""A member reads a reminder in the app and chooses how such messages reach them."""
from playwright.sync_api import expect


def test_member_reads_a_notification_and_changes_a_preference(page, login_page, live_app, live_clock,
                                                              assert_accessible):
    from ivzflow.reminders.sweep import sweep

    live_clock("2015-06-28T09:00")  # three days before the DVO of 1 July: the meeting reminder is due
    with live_app.app_context():
        live_app.config["MAIL_PORT"] = 9  # no SMTP server here: the e-mail waits, the inbox does not
        sweep()
    login_page("lid@demo.ivzflow.nl")
    inbox = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Berichten")
    expect(inbox).to_contain_text("ongelezen")
    inbox.click()
    assert_accessible(page)
    page.get_by_role("link", name="Herinnering: DVO 1 juli 2015").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herinnering: DVO 1 juli 2015")
    expect(page.locator(".message-body")).to_contain_text("U vergadert op woensdag 1 juli 2015")
    assert_accessible(page)
    page.get_by_role("button", name="Markeer als gelezen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Berichten")
    expect(page.locator("ul.inbox li.read")).to_contain_text("Herinnering: DVO 1 juli 2015")

    page.get_by_role("link", name="Voorkeuren").click()
    choice = page.get_by_role("radio", name="Herinnering aan een vergadering Dagelijks overzicht")
    choice.check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Uw voorkeuren zijn opgeslagen")
    expect(page.get_by_role("radio", name="Herinnering aan een vergadering Dagelijks overzicht")).to_be_checked()
    assert_accessible(page)
