"""Use cases: take ports, enforce rules and permissions, return domain objects."""
