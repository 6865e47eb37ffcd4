"""The build cache: what one build lends the next, in a folder beside the site (never in the published output).
"""

from __future__ import annotations

CACHE_DIR = ".site-builder"
"""The cache folder, in the site folder; the .gitignore that ``init`` writes leaves it out of the repository."""
