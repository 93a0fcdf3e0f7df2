"""The local cloud: template.yaml run on this machine (DynamoDB Local, moto, worker processes).

Kept free of imports on purpose: every function worker process imports this package before it
imports its handler, and nothing of the local cloud may leak into a function's cold start."""
