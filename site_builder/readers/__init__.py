"""The readers: every record file under content/ made into Records (lossless, with their lines) and Articles.

The registry (``registry``): a reader is chosen by file suffix, then confirmed by sniffing the start of the file
(a ``.txt`` may be a catalogue dump or MEDLINE text; a gzipped file, and a zip of one file (a Citavi backup), by
the start of what they hold). Bytes that are not UTF-8 are replaced and reported with
their line; a BOM and CRLF line ends are accepted everywhere. One module per format, each with a sample of it in
its docstring; ``files`` finds the record files and reads them; ``shared``, ``nlm``, ``xmltree``,
``json_records``, ``solr`` and ``latex`` are what several readers share.

May import: model, config, diagnostics, workers.
Never imports: prose, cite, plan, render, output, commands, build, i18n, speedups, installed.

The registry's names are this package's too (``readers.read_file``), imported with every reader when first asked
for: a rebuild whose record files all come from the build cache parses none, and importing them took 0.06 s of it.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

# Files that sit beside records in a collection and are never records: not read, not reported. A file of any
# other kind that no reader recognises is reported, so that no export is left out unnoticed.
PROSE_AND_MEDIA = frozenset({
    ".md", ".markdown", ".rst",  # notes and READMEs (summaries and pages are Markdown too)
    ".pdf", ".doc", ".docx", ".odt", ".rtf",  # full texts and documents kept with their records
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".tif", ".tiff",  # figures and scans
})
CLUTTER = frozenset({"thumbs.db", "desktop.ini"})
"""Files Windows leaves in folders (macOS's and editors' own start with a dot and are skipped as hidden)."""
NOTE_NAMES = frozenset({"readme", "notes", "license", "licence", "copying", "notice", "changelog"})
"""Names (before the first dot, any case) of files about a folder: read only when a reader recognises them."""


def never_records(name: str) -> bool:
    """Whether a file named ``name`` is left out of reading: hidden, an editor's backup or lock file, prose,
    a document or an image (PROSE_AND_MEDIA), or operating-system clutter."""
    lowered = name.lower()
    if lowered.startswith((".", "~$")) or lowered.endswith("~") or lowered in CLUTTER:
        return True
    dot = lowered.rfind(".")  # os.path.splitext's suffix of a name that does not start with a dot, in a third
    # of its time (asked of every file under content/ at every build)
    return dot > 0 and lowered[dot:] in PROSE_AND_MEDIA


def __getattr__(name: str) -> Any:
    """The registry's names and the readers' modules, as the package's own (see above)."""
    # A module of the package is imported alone: ``from . import shared`` asks this for the name before it
    # imports the module, and the registry's import here once imported every reader with it.
    if importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    # not ``from . import registry``, which asks this for the name first
    return getattr(importlib.import_module(".registry", __name__), name)
