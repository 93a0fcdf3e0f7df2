"""Route modules of the ideas function, one Powertools Router each."""
