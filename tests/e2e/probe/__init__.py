"""A small stack exercising what the Cocreate template does not use yet: every event source kind,
partial failures, dead-letter queues, schedules. Its functions report what they receive on the bus."""
