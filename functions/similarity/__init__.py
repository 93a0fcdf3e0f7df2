"""The similarity function: content-table stream -> the similar-ideas index."""
