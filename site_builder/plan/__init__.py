"""The plan: every page of the site, its output path, template and context, decided before any template runs."""
