"""On a phone (390 px wide) no page runs off the screen sideways: long select options and wide tables
scroll within their own box, not the page."""
from sqlalchemy import func, select

PAGES = ["/", "/calendar", "/meetings", "/decisions", "/bodies", "/organisations", "/people", "/projects",
         "/portfolios", "/actions", "/notifications", "/reminders", "/locations", "/workflows", "/users"]


def test_no_page_is_wider_than_a_phone(page, login_page, base_url, live_app):
    from ivzflow.extensions import db
    from ivzflow.meetings.models import AgendaItem

    with live_app.app_context():
        meeting_id = db.session.scalar(select(AgendaItem.meeting_id).group_by(AgendaItem.meeting_id)
                                       .order_by(func.count().desc()).limit(1))
    page.set_viewport_size({"width": 390, "height": 844})
    login_page("secretariaat@demo.ivzflow.nl")
    too_wide = {}
    for path in [*PAGES, f"/meetings/{meeting_id}/agenda"]:
        page.goto(base_url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
    assert not too_wide
