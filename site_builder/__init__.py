"""site-builder: a static-website generator for collections of review articles and their summaries."""

__version__ = "0.1.0"
