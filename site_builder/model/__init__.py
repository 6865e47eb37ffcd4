"""The model: records made into articles, and the Library of articles, authors, topics, journals and years."""
