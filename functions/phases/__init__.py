"""The phases function: scheduled phase changes of challenges."""
