"""Tests for ``is_challenge``: bot checks are recognised in any letter case, articles are not."""

import pytest
from scrapy.http import HtmlResponse

from pmi_aggregator.crawler.middlewares import is_challenge

ARTICLE = "<html><head><title>Berita PMI</title></head><body><article><p>{}</p></article></body></html>"


def _page(html: str, status: int = 200) -> HtmlResponse:
    return HtmlResponse("http://127.0.0.1/x/", status=status, body=html.encode(), encoding="utf-8")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><TITLE>Just A Moment...</TITLE></head><body></body></html>",
        "<html><body><script>WINDOW._CF_CHL_OPT = {}</script></body></html>",
        "<HTML><body><div CLASS='G-ReCaptcha'></div></body></HTML>",
    ],
)
def test_bot_checks_in_any_case_are_challenges(html):
    assert is_challenge(_page(html))


def test_an_article_with_a_comment_captcha_is_not_a_challenge():
    body = ARTICLE.format("Isi berita. " * 50) + "<form><div class='g-recaptcha'></div></form>"
    assert not is_challenge(_page(body))


def test_a_blocked_status_with_a_captcha_is_a_challenge():
    assert is_challenge(_page(ARTICLE.format("<div id='Captcha'></div>"), status=403))
