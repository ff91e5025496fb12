"""A big bank file without a single alias is refused for its size, and told so accurately."""

from __future__ import annotations

from tests.test_bad_input import assert_one_line_error


def test_two_megabytes_of_plain_keys_is_not_called_an_alias_bomb(run_cli, tmp_path):
    path = tmp_path / "plain.yaml"
    keys = 0
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 1_900_000:
            handle.write(f"key{keys:07d}: v\n")
            keys += 1
    nodes = 2 * keys + 1  # every key and every value, and the mapping holding them
    message = (
        f"refusing to load: the file holds {nodes:,} YAML nodes (each key, value, list and mapping counts); "
        "a bank file may hold at most 200,000"
    )

    result = run_cli("questions", "--bank", str(path))
    assert_one_line_error(result, f"prepbot: error: invalid bank: {path}:1:1: ")
    assert message in result.err and "alias" not in result.err

    validated = run_cli("bank", "validate", str(path))
    assert validated.code == 2 and validated.err.splitlines()[0] == f"{path}:1:1: {message}"
