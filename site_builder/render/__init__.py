"""Rendering: the Jinja environment and its filters, and a planned page made into text."""
