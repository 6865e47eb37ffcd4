"""The site's own prose: Markdown summaries, free pages and the introduction, as safe HTML."""
