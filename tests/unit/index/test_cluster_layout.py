"""Where a cluster is and how its indices are laid out: node lists in the URL, [elasticsearch] shards."""

import pytest

from pmi_aggregator.config import load_config
from pmi_aggregator.errors import ConfigError, IndexUnavailable
from pmi_aggregator.index import open_index
from pmi_aggregator.index.elastic.connection import target


def test_a_url_may_list_several_nodes_that_share_the_alias_and_credentials():
    found = target("http://u:pw@127.0.0.1:9210,127.0.0.1:9211,127.0.0.1/pmi", {})
    assert found.client == {
        "hosts": ["http://127.0.0.1:9210", "http://127.0.0.1:9211", "http://127.0.0.1:9200"]
    }
    assert found.alias == "pmi" and found.auth == {"basic_auth": ("u", "pw")}


@pytest.mark.parametrize("spec", ["http://h:1,:2/pmi", "http://h:99999", "http://[::1", "http://h:1,h:x"])
def test_a_broken_node_list_is_one_line(spec):
    with pytest.raises(IndexUnavailable, match="invalid Elasticsearch URL"):
        target(spec, {})


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shards_and_replicas_come_from_the_config(tmp_path, monkeypatch):
    path = write(tmp_path, "[elasticsearch]\nshards = 3\nreplicas = 1\n")
    assert load_config(path).elasticsearch == {"shards": 3, "replicas": 1}
    monkeypatch.setenv("PMI_CONFIG", str(path))
    index = open_index("http://127.0.0.1:9/pmi")  # no request is made before the first use
    assert index._settings == {"number_of_shards": 3, "number_of_replicas": 1}  # type: ignore[attr-defined]
    chosen = open_index("http://127.0.0.1:9/pmi", replicas=2)
    assert chosen._settings == {"number_of_shards": 3, "number_of_replicas": 2}  # type: ignore[attr-defined]


def test_without_the_table_an_index_suits_one_node(tmp_path, monkeypatch):
    monkeypatch.setenv("PMI_CONFIG", str(write(tmp_path, 'index = "x.db"\n')))
    index = open_index("http://127.0.0.1:9/pmi")
    assert index._settings == {"number_of_shards": 1, "number_of_replicas": 0}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[elasticsearch]\nshards = 0\n", "shards"),
        ("[elasticsearch]\nreplicas = 1.5\n", "replicas"),
        ("[elasticsearch]\nnodes = 3\n", "unknown key 'nodes'"),
        ("elasticsearch = 3\n", "must be a table"),
    ],
)
def test_a_bad_layout_is_a_config_error(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))
