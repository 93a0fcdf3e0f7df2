"""Cocreate's shared package: config, observability, auth, HTTP, events, domain, services and stores."""
