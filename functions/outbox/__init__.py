"""The outbox function: content-table stream -> domain events on the bus."""
