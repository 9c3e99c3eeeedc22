"""Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page; the test fails if the page asks any other host for anything,
    or if the Content-Security-Policy had to block something (inline code, say)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    own_host = urlparse(live_server.url).netloc
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlparse(request.url).netloc not in {own_host, ""}
            and not request.url.startswith("data:")
            else None
        ),
    )
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert refused == [], f"blocked by the Content-Security-Policy: {refused}"


@pytest.fixture
def screenshots(tmp_path_factory):
    """Where screenshots go: $SCREENSHOT_DIR (set by make test-browser), else a temporary one."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return tmp_path_factory.mktemp("screenshots")
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    return path
