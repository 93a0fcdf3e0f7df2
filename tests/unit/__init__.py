"""Unit tests: shared/ against in-memory fakes; no AWS, no network."""
