"""Security headers on every kind of answer, HSTS only over TLS, and templates that the CSP allows."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ivzflow import create_app
from ivzflow.accounts.roles import Role

TEMPLATES = Path(__file__).resolve().parents[2] / "ivzflow" / "templates"
# Rendered into PDFs by WeasyPrint, never served to a browser: inline styles are theirs to have.
PDF_TEMPLATES = {"projects/report.html", "decisions/decision_list_pdf.html", "plans/weighing_pdf.html",
                 "finance/invoices_pdf.html"}


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def _assert_headers(response):
    csp = _csp(response)
    scripts = csp.get("script-src", csp.get("default-src"))
    assert scripts == ["'self'"], scripts
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin", "no-referrer")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_headers_on_the_login_page_a_page_an_error_and_the_api(client, login_as):
    _assert_headers(client.get("/login"))
    _assert_headers(client.get("/does-not-exist"))
    _assert_headers(client.get("/api/v1/bodies"))  # 401 JSON
    login_as(Role.MEMBER)
    page = client.get("/bodies")
    _assert_headers(page)
    assert page.headers["Cache-Control"] == "no-store"  # a logged-in page is not kept by shared caches
    _assert_headers(client.get("/bodies/424242"))


def test_hsts_only_when_the_request_came_over_tls(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    hsts = client.get("/login", base_url="https://ivzflow.test").headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000


def test_a_client_cannot_claim_tls_unless_a_proxy_is_trusted(client):
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_trusted_proxy_tls_is_recognised(app, tmp_path):
    proxied = create_app({**{k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "FILES_DIR")},
                          "TESTING": True, "TRUSTED_PROXIES": 1, "SERVER_NAME": "ivzflow.test"})
    response = proxied.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers
    with proxied.app_context():
        from ivzflow.extensions import db
        db.engine.dispose()


def _templates():
    return sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("name", _templates())
def test_template_has_nothing_the_csp_blocks(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    for script in re.finditer(r"<script\b([^>]*)>(.*?)</script>", source, re.S | re.I):
        assert "src=" in script.group(1), f"{name}: inline <script> body"
        assert not script.group(2).strip(), f"{name}: <script src> with a body"
    assert not re.search(r"""<[^>]*\son[a-z]+\s*=""", source, re.I), f"{name}: an on*= event handler attribute"
    assert "javascript:" not in source.lower(), f"{name}: a javascript: URL"
    if name not in PDF_TEMPLATES:
        assert not re.search(r"""<[^>]*\sstyle\s*=""", source, re.I), f"{name}: a style= attribute"
        assert "<style" not in source.lower(), f"{name}: an inline <style> block"
