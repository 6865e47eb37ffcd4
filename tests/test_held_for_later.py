"""What a build holds for later outside its memory reads back as it was held: the page table's rows kept in a
temporary file (output/spill.py), the list downloads' pieces a render worker wrote to files (cache.MadePieces)."""

from __future__ import annotations

import pickle
from pathlib import Path

from site_builder.output import cache, pagetable
from site_builder.output.spill import Spill


def test_a_spill_gives_back_each_byte_string_at_its_place() -> None:
    with Spill() as spill:
        places = [spill.keep(data) for data in (b"first", b"", b"third \x00 bytes")]
        assert [spill.read(place) for place in reversed(places)] == [b"third \x00 bytes", b"", b"first"]


def test_the_rows_kept_in_a_file_are_the_rows_added(tmp_path: Path) -> None:
    rows = pagetable.NewRows()
    added = {f"articles/a{n}.html": (b"f%d" % n, n * 10, (), None, None) for n in range(2 * pagetable.ROWS_A_PART + 3)}
    for path, row in added.items():
        rows.add(path, row)
    pagetable.save_table(tmp_path, b"code", rows, None, pagetable.Summary(0, 0, 0, 0, ()))
    table = pagetable.load_table(tmp_path, b"code", print)
    assert {path: table.row(path) for path in added} == added
    assert rows.sizes() == {path: row[1] for path, row in added.items()}


def test_pieces_written_to_files_read_back_as_the_pieces_made(tmp_path: Path) -> None:
    made = cache.MadePieces()
    first = {("bibtex", f"key{n}"): (b"digest%d" % n, f"@article{{key{n}}}") for n in range(300)}
    made.update(first)
    made.update({("bibtex", "key1"): (b"new", "@article{key1, title={again}}")})  # a later piece stands for it
    sent = pickle.loads(pickle.dumps(made.written_to(str(tmp_path), "run-0")))  # as a worker sends it back
    main = cache.MadePieces()
    main.extend(sent)
    pieces = {key: value for n in range(cache.SHARDS) for key, value in main.shard(n).items()}
    assert pieces == {**first, ("bibtex", "key1"): (b"new", "@article{key1, title={again}}")}
    assert len(list(tmp_path.iterdir())) == len({n for n in range(cache.SHARDS) if made.shard(n)})
