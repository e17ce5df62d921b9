"""Configuration in [tool.summitcheck] of pyproject.toml or in summitcheck.toml: keys, locations of errors,
discovery, and command-line flags over the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitcheck.cli import app
from summitcheck.config import Config, find_config, load_config, parse_config, resolve
from summitcheck.errors import InputErrors
from summitcheck.model import Verdict
from summitcheck.policy import DEFAULT_FAIL_ON

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_ID = "000_f05eb49b0d101e5b"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InputErrors) as info:
        parse_config(path, formats=["table", "json"])
    return [str(e) for e in info.value.errors]


def test_pyproject_table_is_read_with_paths_relative_to_it(here: Path) -> None:
    (here / "terms.yaml").write_text("concepts:\n  - {id: gizmo, en: [gizmo], fr: [bidule]}\n", encoding="utf-8")
    (here / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.summitcheck]\nclaims = ["facts", "more/facts.yaml"]\nseeds = "articles"\n'
        'languages = "fr"\ntolerance = 0.05\nfail-on = ["contradicted"]\nbaseline = "known.json"\n'
        'glossary = "terms.yaml"\nformat = "json"\n\n[tool.other]\nclaims = 3\n',
        encoding="utf-8",
    )
    config = load_config()
    assert config.path == here / "pyproject.toml"
    assert config.claims == (Path("facts"), Path("more/facts.yaml"))
    assert config.seeds == Path("articles") and config.baseline == Path("known.json")
    assert config.languages == "fr" and config.tolerance == 0.05 and config.format == "json"
    assert config.fail_on == {Verdict.CONTRADICTED}
    assert config.glossary == (Path("terms.yaml"),)


def test_paths_are_relative_to_the_config_file_not_the_working_folder(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (here / "summitcheck.toml").write_text('claims = "facts"\nseeds = "articles"\n', encoding="utf-8")
    (here / "sub").mkdir()
    monkeypatch.chdir(here / "sub")
    config = load_config()
    assert config.path == here / "summitcheck.toml"
    assert config.claims[0].resolve() == here / "facts"


def test_unknown_keys_and_bad_values_are_errors_at_their_line(here: Path) -> None:
    path = here / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.summitcheck]\nseeds = "s"\n  fail_on = ["contradicted"]\n'
        "tolerance = 2\ncolour = \"red\"\nformat = \"xml\"\n\n[tool.summitcheck.languages]\nabc = \"de\"\n",
        encoding="utf-8",
    )
    errors = errors_of(path)
    assert errors == [
        "pyproject.toml:6:3: unknown key 'fail_on'; did you mean 'fail-on'?",
        "pyproject.toml:7:1: tolerance: must be a number from 0 to 1 (0.1 = 10%), not 2",
        "pyproject.toml:8:1: unknown key 'colour'; known keys: claims, seeds, languages, tolerance, fail-on, "
        "baseline, glossary, aliases, format",
        "pyproject.toml:9:1: format: must be one of table, json, not 'xml'",
        "pyproject.toml:11:1: languages: abc: 'de' is not a language summitcheck reads: auto, fr, en",
    ]


def test_summitcheck_toml_top_level_keys_and_subtables(here: Path) -> None:
    path = here / "summitcheck.toml"
    path.write_text('seeds = "s"\n\n[oops]\na = 1\n', encoding="utf-8")
    assert errors_of(path) == ["summitcheck.toml:3:1: unknown key 'oops'; known keys: claims, seeds, languages, "
                               "tolerance, fail-on, baseline, glossary, aliases, format"]


def test_toml_syntax_error_has_its_location(here: Path) -> None:
    path = here / "summitcheck.toml"
    path.write_text('seeds = "s"\nclaims = [\n', encoding="utf-8")
    (error,) = errors_of(path)
    assert error.startswith("summitcheck.toml:") and "TOML syntax error" in error
    assert error.split(":")[1] in ("2", "3")


def test_missing_glossary_file_is_an_error_at_the_key(here: Path) -> None:
    path = here / "summitcheck.toml"
    path.write_text('\n\nglossary = ["nope.yaml"]\n', encoding="utf-8")
    assert errors_of(path) == ["summitcheck.toml:3:1: glossary: file 'nope.yaml' does not exist"]


def test_discovery_prefers_summitcheck_toml_and_skips_pyproject_without_the_table(here: Path) -> None:
    (here / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(here) is None
    (here / "pyproject.toml").write_text('[tool.summitcheck]\nseeds = "a"\n', encoding="utf-8")
    assert find_config(here) == here / "pyproject.toml"
    (here / "summitcheck.toml").write_text('seeds = "b"\n', encoding="utf-8")
    assert find_config(here) == here / "summitcheck.toml"


def test_flags_override_the_file() -> None:
    config = Config(claims=(Path("facts"),), seeds=Path("articles"), tolerance=0.2,
                    fail_on=frozenset({Verdict.CONTRADICTED}), format="json", languages="fr")
    merged = resolve(config)
    assert merged.claims == (Path("facts"),) and merged.seeds == Path("articles") and merged.language == "fr"
    assert merged.fail_on == {Verdict.CONTRADICTED} and merged.format == "json" and merged.tolerance == 0.2
    flags = resolve(config, paths=[Path("x.yaml")], seeds=Path("s"), tolerance=0.0, fail_on=["unsupported"],
                    format="plain", language="auto")
    assert flags.claims == (Path("x.yaml"),) and flags.seeds == Path("s") and flags.tolerance == 0.0
    assert flags.fail_on == {Verdict.UNSUPPORTED} and flags.format == "plain" and flags.language is None
    defaults = resolve(Config())
    assert defaults.claims == (Path("claims"),) and defaults.seeds == Path("seeds")
    assert defaults.fail_on == DEFAULT_FAIL_ON and defaults.format == "table"


def test_bad_glossary_shape_is_reported_at_its_line(here: Path) -> None:
    (here / "terms.yaml").write_text("concepts:\n  - id: gizmo\n    english: [gizmo]\n  - fr: [bidule]\n",
                                     encoding="utf-8")
    with pytest.raises(InputErrors) as info:
        resolve(Config(), glossary=[Path("terms.yaml")])
    messages = [str(e) for e in info.value.errors]
    assert "terms.yaml:3:5: unknown key 'english'; did you mean 'en'?" in messages
    assert "terms.yaml:4:5: concepts[1] has no id" in messages


def test_the_command_line_uses_the_config_and_reports_its_errors(here: Path) -> None:
    (here / "facts").mkdir()
    (here / "facts" / "a.yaml").write_text(f'id: wrong\ntext: "≈20,000 workers"\nseed: {SEED_ID}\n',
                                           encoding="utf-8")
    (here / "pyproject.toml").write_text(
        f'[tool.summitcheck]\nclaims = ["facts"]\nseeds = "{SEEDS.as_posix()}"\nformat = "json"\nfail-on = []\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["verify"], catch_exceptions=False)
    assert result.exit_code == 0, result.output  # fail-on = [] : report only
    assert json.loads(result.stdout)["results"][0]["verdict"] == "contradicted"
    flagged = runner.invoke(app, ["verify", "--fail-on", "contradicted", "-f", "plain"], catch_exceptions=False)
    assert flagged.exit_code == 1 and flagged.stdout.startswith("facts/a.yaml:1:1: contradicted wrong")

    (here / "pyproject.toml").write_text('[tool.summitcheck]\nclaim = ["facts"]\n', encoding="utf-8")
    bad = runner.invoke(app, ["verify"], catch_exceptions=False)
    assert bad.exit_code == 2
    assert "pyproject.toml:2:1: unknown key 'claim'; did you mean 'claims'?" in bad.stderr


def test_languages_table_names_existing_seeds(here: Path) -> None:
    (here / "c.yaml").write_text(f'id: a\ntext: "≈10,000 workers"\nseed: {SEED_ID}\n', encoding="utf-8")
    (here / "summitcheck.toml").write_text(f'seeds = "{SEEDS.as_posix()}"\n[languages]\nnope = "en"\n',
                                           encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", "c.yaml"], catch_exceptions=False)
    assert result.exit_code == 2 and "summitcheck.toml:2:1: languages: unknown seed 'nope'" in result.stderr
    (here / "summitcheck.toml").write_text(f'seeds = "{SEEDS.as_posix()}"\n[languages]\n{SEED_ID} = "fr"\n',
                                           encoding="utf-8")
    assert CliRunner().invoke(app, ["verify", "c.yaml", "-f", "json"], catch_exceptions=False).exit_code == 0
