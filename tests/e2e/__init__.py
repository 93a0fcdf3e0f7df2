"""End to end: the local cloud over HTTP, as a front end sees it."""
