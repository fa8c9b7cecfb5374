"""Reading the task list of the start page the way a user sees it: each task's kind, words and link."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest


@dataclass
class ShownTask:
    kind: str
    link: str = ""
    title: str = ""
    text: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


class _TaskList(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tasks: list[ShownTask] = []
        self._in_task = self._in_link = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "task" in (attrs.get("class") or "").split():
            self.tasks.append(ShownTask(attrs.get("data-kind", "")))
            self._in_task = True
        elif tag == "a" and self._in_task and not self.tasks[-1].link:
            self.tasks[-1].link, self._in_link = attrs["href"], True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_link = False
        elif tag == "li":
            self._in_task = False

    def handle_data(self, data):
        if self._in_task:
            self.tasks[-1].text.append(data)
            if self._in_link:
                self.tasks[-1].title += data


def shown_tasks(html: str) -> list[ShownTask]:
    parser = _TaskList()
    parser.feed(html)
    return parser.tasks


@pytest.fixture
def dashboard(client):
    """The tasks on the start page of whoever is logged in."""
    def read() -> list[ShownTask]:
        response = client.get("/")
        assert response.status_code == 200
        return shown_tasks(response.get_data(as_text=True))
    return read
