"""DynamoDB (and EventBridge) adapters: the only code that talks to AWS for data."""
