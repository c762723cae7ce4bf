"""Every built-in source's local mirror: how to build the site, and what its crawl config needs.

`tests/test_sources_check.py` runs `pmi sources check` on each source at its mirror (the real spider), so a
change that breaks a source's extraction shows up there as well as in the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any


@dataclass(frozen=True)
class Mirror:
    build: Callable[[], Any]
    """A fresh site object for ``MirrorServer``."""
    settings: dict[str, Any] = field(default_factory=dict)
    """Extra source settings for a crawl of the mirror (``options``, ``host_aliases``)."""
    hosts: tuple[str, ...] = ()
    """Loopback spellings besides 127.0.0.1 the mirror's links use (an old domain's stand-in)."""


def catalog() -> dict[str, Mirror]:
    from . import antara, apakabar, kp2mi, mainstream, ngo

    mirrors = {
        "apakabaronline": Mirror(apakabar.build_site),
        "kp2mi": Mirror(kp2mi.build_site, {"host_aliases": {kp2mi.OLD_HOST: "127.0.0.1"}}, (kp2mi.OLD_HOST,)),
        "antara": Mirror(antara.build_site),
        "antara-kupang": Mirror(antara.build_site),
        "antara-kl": Mirror(antara.build_site),
        "antara-tag": Mirror(antara.build_site, {"options": {"listings": ["/tag/pekerja-migran-indonesia"]}}),
        "focustaiwan": Mirror(ngo.focustaiwan_site),
    }
    mirrors |= {key: Mirror(partial(ngo.wordpress_site, key)) for key in ngo.WORDPRESS}
    mirrors |= {key: Mirror(partial(ngo.blogger_site, key)) for key in ("jbm", "suarabmi")}
    mirrors |= {
        key: Mirror(partial(mainstream.MainstreamSite, key), {"options": {"listings": [site.listing]}})
        for key, site in mainstream.SITES.items()
    }
    return mirrors
