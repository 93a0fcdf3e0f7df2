"""Entities, value objects and rules. Pure Python: nothing below here imports boto3 or AWS code."""
