"""The output folder: writing it, the worker processes that render into it, and the pre-flight check of it."""
