"""The web UI in a real browser: `pmi serve` in its own process, chromium driven by Selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (skips with the reason otherwise). Screenshots go to
the test's folder, or to ``PMI_TEST_SCREENSHOTS`` (a folder) to keep them: ``search.png`` there is what
``docs/web-ui.png`` is made from.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from tests.contract.articles import linked_story
from tests.support.web_articles import hostile, ordinary

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(120),
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="no /usr/bin/chromium or /usr/bin/chromedriver (apt-get install chromium chromium-driver)",
    ),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the test extra)")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`pmi serve` over a small index with a hostile article, until the test ends."""
    path = tmp_path / "web.db"
    with open_index(str(path)) as index:
        index.upsert([*ordinary(), hostile(), *linked_story().values()])
    port = _free_port()
    command = [sys.executable, "-c", "from pmi_aggregator.cli import main; main()", "serve"]
    process = subprocess.Popen([*command, "--port", str(port), "--index", str(path)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(
                    f"pmi serve did not start: {process.stderr.read().decode() if process.stderr else ''}"
                )
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,760"):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options
    )
    yield driver
    driver.quit()


def _screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PMI_TEST_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _no_alert(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - a script from an article would have opened one


def test_search_facet_paging_article_and_story(server, browser, tmp_path):
    wait = WebDriverWait(browser, 15)
    browser.get(server)
    box = browser.find_element(By.ID, "q")
    box.send_keys("gaji")
    box.submit()
    wait.until(expected_conditions.url_contains("q=gaji"))
    assert browser.find_element(By.ID, "total").text == "26 results for “gaji”"
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit .title")]
    assert len(titles) == 20
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline svg rect"))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#facets [data-field="countries"] a'))
    _no_alert(browser)
    shots = _screenshots(tmp_path)
    browser.save_screenshot(str(shots / "search.png"))

    countries = browser.find_element(By.CSS_SELECTOR, '#facets [data-field="countries"]')
    taiwan = countries.find_element(By.LINK_TEXT, "TW")
    counted = taiwan.find_element(By.XPATH, "following-sibling::span").text
    taiwan.click()
    wait.until(expected_conditions.url_contains("country=TW"))
    assert browser.find_element(By.CSS_SELECTOR, ".chip").text == "Country: TW ×"
    assert counted == "13"
    assert browser.find_element(By.ID, "total").text == f"{counted} results for “gaji”"

    browser.get(server + "?q=gaji&sort=newest")
    first_page = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit .title")]
    browser.find_element(By.ID, "next").click()
    wait.until(expected_conditions.url_contains("cursor="))
    second_page = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hit .title")]
    assert len(second_page) == 6 and not set(first_page) & set(second_page)
    assert not browser.find_elements(By.ID, "next")

    browser.get(server + "?q=alert")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".hit .title"))
    browser.find_element(By.CSS_SELECTOR, ".hit .title").click()
    wait.until(expected_conditions.url_contains("/article/"))
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == 'Gaji <script>alert(1)</script> pekerja <img src=x onerror="alert(2)">'
    original = browser.find_element(By.ID, "original").get_attribute("href")
    assert original.startswith("https://example.com/berita/jahat?x=")
    fields = dict(
        zip(
            [e.text for e in browser.find_elements(By.CSS_SELECTOR, "dl.fields dt")],
            [e.text for e in browser.find_elements(By.CSS_SELECTOR, "dl.fields dd")],
            strict=True,
        )
    )
    assert fields["authors"] == "Penulis <script>alert(1)</script>"
    assert fields["image_url"] == "javascript:alert(3)"
    _no_alert(browser)
    browser.save_screenshot(str(shots / "article.png"))

    browser.get(server + "?q=deportasi&collapse=1")
    assert (
        browser.find_element(By.ID, "total").text == "3 stories for “deportasi”"
    )  # A, B and one never linked
    browser.find_element(By.CSS_SELECTOR, ".hit a.story").click()
    wait.until(expected_conditions.url_contains("/story/"))
    assert browser.find_element(By.ID, "story-size").text == "3 articles from 3 outlets, first report first"
    assert [e.text for e in browser.find_elements(By.CSS_SELECTOR, "tr.member .kind")] == [
        "first",
        "copy",
        "report",
    ]
    browser.save_screenshot(str(shots / "story.png"))
    assert (shots / "search.png").stat().st_size > 10_000
