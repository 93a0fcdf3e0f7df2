"""`make bench`: figures, never pass/fail. See bench/__main__.py."""
