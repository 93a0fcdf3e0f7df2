"""Write template.yaml as CloudFormation sees it after the SAM transform, for checkov.

Runs with the SAM CLI's virtual environment (it has samtranslator): code and layer locations are
replaced by S3 placeholders first, as `sam package` would. Usage:
``.venv-sam/bin/python infra/transformed.py template.yaml out.json``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def transformed(template: dict[str, Any]) -> dict[str, Any]:
    from samtranslator.translator.transform import transform  # noqa: PLC0415 - the SAM CLI's venv only

    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in properties:
            properties["CodeUri"] = "s3://packaged/code.zip"
        if resource.get("Type") == "AWS::Serverless::LayerVersion" and "ContentUri" in properties:
            properties["ContentUri"] = "s3://packaged/layer.zip"

    class NoManagedPolicies:  # resolved by name at deploy time; the check needs no IAM call
        def load(self) -> dict[str, str]:
            return {}

    result: dict[str, Any] = transform(template, {}, NoManagedPolicies())
    return result


def main(argv: list[str]) -> int:
    from samtranslator.yaml_helper import yaml_parse  # noqa: PLC0415

    source, target = argv
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    template = yaml_parse(Path(source).read_text(encoding="utf-8"))
    Path(target).write_text(json.dumps(transformed(template), indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
