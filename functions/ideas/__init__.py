"""The ideas function: challenges, ideas (and comments, later)."""
