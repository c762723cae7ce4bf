"""Each Scrapy setting declared once: every PMI_* with its default and a docstring, none unknown."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import scrapy.settings.default_settings as scrapy_defaults
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

import pmi_aggregator
from pmi_aggregator.crawler import settings as project
from pmi_aggregator.crawler.extensions import ProgressExtension
from pmi_aggregator.crawler.progress import ProgressBoard
from pmi_aggregator.crawler.runner import scrapy_settings

PACKAGE = Path(pmi_aggregator.__file__).parent
SETTINGS_FILE = Path(project.__file__)
READ = re.compile(r"""settings\.get(?:float|int|bool|list|dict)?\(\s*["'](PMI_[A-Z_]+)["']\s*(,)?""")


def _declarations() -> dict[str, bool]:
    """PMI_* names assigned in settings.py, and whether a docstring follows each."""
    body = ast.parse(SETTINGS_FILE.read_text("utf-8")).body
    found = {}
    for node, following in zip(body, [*body[1:], None], strict=True):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.startswith("PMI_"):
                found[name] = (
                    isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                )
    return found


def _reads() -> list[tuple[str, str, bool]]:
    """(file, setting, has an inline default) for every PMI_* setting read in the package."""
    return [
        (str(path.relative_to(PACKAGE)), match[1], bool(match[2]))
        for path in PACKAGE.rglob("*.py")
        for match in READ.finditer(path.read_text("utf-8"))
    ]


def test_every_pmi_setting_read_is_declared_with_a_docstring():
    declared = _declarations()
    reads = _reads()
    assert {"PMI_STATE", "PMI_RETRY_BASE_DELAY", "PMI_PROGRESS"} <= {name for _, name, _ in reads}
    assert [(f, name) for f, name, _ in reads if name not in declared] == []
    assert [name for name, documented in declared.items() if not documented] == []


def test_no_component_repeats_a_default():
    assert [(f, name) for f, name, inline in _reads() if inline] == []


def test_every_other_setting_is_one_scrapy_knows():
    ours = [name for name in vars(project) if name.isupper() and not name.startswith("PMI_")]
    assert "REQUEST_FINGERPRINTER_IMPLEMENTATION" not in ours
    assert [name for name in ours if not hasattr(scrapy_defaults, name)] == []


def test_scrapy_surfaces_are_off():
    settings = scrapy_settings("sqlite:///unused.db")
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert settings.get("JOBDIR") is None
    assert "scrapy.exceptions.CannotResolveHostError" not in settings.getlist("RETRY_EXCEPTIONS")
    assert "scrapy.exceptions.DownloadConnectionRefusedError" in settings.getlist("RETRY_EXCEPTIONS")


def test_progress_extension_is_not_configured_when_switched_off():
    crawler = get_crawler(settings_dict={"PMI_PROGRESS": False})
    crawler.pmi_board = ProgressBoard()  # type: ignore[attr-defined]
    with pytest.raises(NotConfigured):
        ProgressExtension.from_crawler(crawler)
    crawler = get_crawler(settings_dict={"PMI_PROGRESS": True})
    with pytest.raises(NotConfigured):  # on, but no terminal: the runner made no board
        ProgressExtension.from_crawler(crawler)
    crawler = get_crawler(settings_dict={"PMI_PROGRESS": True})
    crawler.pmi_board = ProgressBoard()  # type: ignore[attr-defined]
    assert isinstance(ProgressExtension.from_crawler(crawler), ProgressExtension)


def test_every_scalar_setting_declared_has_a_config_check_that_refuses_a_wrong_type():
    from pmi_aggregator.config import _SCRAPY_SETTINGS
    from pmi_aggregator.errors import ConfigError

    scalars = [
        name
        for name, value in vars(project).items()
        if name.isupper() and (value is None or isinstance(value, (bool, int, float, str)))
    ]
    assert "PMI_SHUTDOWN_GRACE" in scalars
    assert [name for name in scalars if name not in _SCRAPY_SETTINGS] == []
    for name, check in _SCRAPY_SETTINGS.items():
        with pytest.raises(ConfigError, match=name):
            check([1], f"[scrapy] {name}")
