"""Tooling around the stack: the local cloud, the build, spec generation."""
