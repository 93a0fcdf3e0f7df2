"""Reading template.yaml: a YAML loader for CloudFormation's tags and a resolver of intrinsic
functions that turns every reference into the value the local cloud uses for that resource.

Names are decided here and nowhere else, so that the tables the cloud creates, the environment a
function sees and the ARNs in the events it receives all agree."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
STACK_NAME = "cocreate-local"
NAME_PREFIX = "cocreate-local"

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_LIST_PARAMETER = re.compile(r"^(CommaDelimitedList|List<.*>)$")


class CfnLoader(yaml.SafeLoader):
    """SafeLoader plus CloudFormation's short tags, turned into their long ``Fn::`` forms."""


def _construct_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    if suffix in {"Ref", "Condition"}:
        return {suffix: value}
    return {f"Fn::{suffix}": value}


CfnLoader.add_multi_constructor("!", _construct_tag)


def load_template(path: Path) -> dict[str, Any]:
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=CfnLoader)  # noqa: S506 - SafeLoader subclass
    if not isinstance(loaded, dict) or not isinstance(loaded.get("Resources"), dict):
        raise ValueError(f"{path} is not a CloudFormation template (no Resources)")
    return loaded


class _NoValue:
    """``!Ref AWS::NoValue``: the enclosing key or list item disappears."""


NO_VALUE = _NoValue()


class TemplateError(ValueError):
    """The template uses something the resolver cannot make sense of."""


def placeholder(*parts: str) -> str:
    return "-".join((NAME_PREFIX, *parts))


class Resolver:
    """Evaluates intrinsic functions against parameter defaults and local resource names."""

    def __init__(
        self,
        template: Mapping[str, Any],
        *,
        sqs_endpoint: str,
        stream_label: str,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.template = template
        self.resources: Mapping[str, Any] = template.get("Resources") or {}
        self._sqs_endpoint = sqs_endpoint.rstrip("/")
        self._stream_label = stream_label
        self.parameters = self._parameter_values(parameters or {})
        self._conditions: dict[str, bool] = {}
        self._evaluating: set[str] = set()
        self._names: dict[str, str] = {}
        self.check_rules()

    def check_rules(self) -> None:
        """Refuse parameter values the template's ``Rules`` refuse, as CloudFormation does before it
        creates anything: each rule whose ``RuleCondition`` holds must pass all its assertions."""
        for name, rule in (self.template.get("Rules") or {}).items():
            if "RuleCondition" in rule and not self.resolve(rule["RuleCondition"]):
                continue
            for assertion in rule.get("Assertions", []):
                if not self.resolve(assertion["Assert"]):
                    raise TemplateError(f"rule {name}: {assertion.get('AssertDescription', 'assertion failed')}")

    # ------------------------------------------------------------------ parameters and conditions
    def _parameter_values(self, overrides: Mapping[str, str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, declaration in (self.template.get("Parameters") or {}).items():
            raw = overrides.get(name, declaration.get("Default"))
            if raw is None:
                raise TemplateError(f"parameter {name} has no default; pass a value for it")
            if _LIST_PARAMETER.match(str(declaration.get("Type", ""))):
                values[name] = raw if isinstance(raw, list) else [part.strip() for part in str(raw).split(",")]
            else:
                values[name] = str(raw)
        return values

    def condition(self, name: str) -> bool:
        if name not in self._conditions:
            if name in self._evaluating:
                raise TemplateError(f"condition {name} refers to itself")
            declared = (self.template.get("Conditions") or {}).get(name)
            if declared is None:
                raise TemplateError(f"unknown condition {name}")
            self._evaluating.add(name)
            try:
                self._conditions[name] = bool(self.resolve(declared))
            finally:
                self._evaluating.discard(name)
        return self._conditions[name]

    def included(self, logical_id: str) -> bool:
        """False for resources whose ``Condition`` is false: CloudFormation would not create them."""
        name = self.resources.get(logical_id, {}).get("Condition")
        return name is None or self.condition(str(name))

    # ------------------------------------------------------------------ resource names
    def resource_type(self, logical_id: str) -> str:
        return str(self.resources.get(logical_id, {}).get("Type", ""))

    def _property(self, logical_id: str, key: str) -> Any:
        raw = (self.resources.get(logical_id, {}).get("Properties") or {}).get(key)
        return None if raw is None else self.resolve(raw)

    def name(self, logical_id: str) -> str:
        """The physical name this resource has locally (table name, queue name, bus name, ...)."""
        if logical_id not in self._names:
            kind = self.resource_type(logical_id)
            explicit = {
                "AWS::DynamoDB::Table": "TableName",
                "AWS::Serverless::SimpleTable": "TableName",
                "AWS::SQS::Queue": "QueueName",
                "AWS::Events::EventBus": "Name",
                "AWS::Events::Rule": "Name",
                "AWS::Serverless::Function": "FunctionName",
                "AWS::Lambda::Function": "FunctionName",
                "AWS::SNS::Topic": "TopicName",
                "AWS::SecretsManager::Secret": "Name",
                "AWS::S3::Bucket": "BucketName",
            }.get(kind)
            given = self._property(logical_id, explicit) if explicit else None
            name = str(given) if given else placeholder(logical_id)
            if kind == "AWS::S3::Bucket":
                name = name.lower()  # bucket names are lower case
            if kind == "AWS::SQS::Queue" and self._property(logical_id, "FifoQueue") and not name.endswith(".fifo"):
                name += ".fifo"
            self._names[logical_id] = name
        return self._names[logical_id]

    def assign(self, logical_id: str, physical_name: str) -> None:
        """Name a resource made locally with an id the service chose (a Cognito pool's)."""
        self._names[logical_id] = physical_name

    def arn(self, logical_id: str) -> str:
        kind, name = self.resource_type(logical_id), self.name(logical_id)
        if kind in {"AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"}:
            return f"arn:aws:dynamodb:{REGION}:{ACCOUNT_ID}:table/{name}"
        if kind == "AWS::SQS::Queue":
            return f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{name}"
        if kind == "AWS::Events::EventBus":
            return f"arn:aws:events:{REGION}:{ACCOUNT_ID}:event-bus/{name}"
        if kind == "AWS::Events::Rule":
            return f"arn:aws:events:{REGION}:{ACCOUNT_ID}:rule/{name}"
        if kind in {"AWS::Serverless::Function", "AWS::Lambda::Function"}:
            return f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"
        if kind == "AWS::SNS::Topic":
            return f"arn:aws:sns:{REGION}:{ACCOUNT_ID}:{name}"
        if kind == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{name}"
        return f"arn:aws:local:{REGION}:{ACCOUNT_ID}:{logical_id}"

    def queue_url(self, logical_id: str) -> str:
        return f"{self._sqs_endpoint}/{ACCOUNT_ID}/{self.name(logical_id)}"

    def stream_arn(self, logical_id: str) -> str:
        return f"{self.arn(logical_id)}/stream/{self._stream_label}"

    def ref(self, name: str) -> Any:
        pseudo = {
            "AWS::Region": REGION,
            "AWS::AccountId": ACCOUNT_ID,
            "AWS::StackName": STACK_NAME,
            "AWS::StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT_ID}:stack/{STACK_NAME}/local",
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NotificationARNs": [],
            "AWS::NoValue": NO_VALUE,
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        kind = self.resource_type(name)
        if kind == "AWS::SQS::Queue":
            return self.queue_url(name)
        if kind in {"AWS::SNS::Topic", "AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"}:
            return self.arn(name)
        if name in self.resources:
            return self.name(name)
        # SAM's generated resources (roles, the implicit API, ...) have no local counterpart.
        return placeholder(name)

    def get_att(self, logical_id: str, attribute: str) -> Any:
        kind = self.resource_type(logical_id)
        if attribute == "Arn" and logical_id in self.resources:
            return self.arn(logical_id)
        if attribute == "StreamArn" and kind in {"AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"}:
            return self.stream_arn(logical_id)
        if kind == "AWS::SQS::Queue" and attribute in {"QueueName", "QueueUrl"}:
            return self.name(logical_id) if attribute == "QueueName" else self.queue_url(logical_id)
        if kind in {"AWS::Events::EventBus", "AWS::Events::Rule"} and attribute == "Name":
            return self.name(logical_id)
        return placeholder(logical_id, attribute)

    # ------------------------------------------------------------------ intrinsic functions
    def resolve(self, node: Any) -> Any:
        if isinstance(node, list):
            items = [self.resolve(item) for item in node]
            return [item for item in items if item is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            ((key, argument),) = node.items()
            if key == "Ref":
                return self.ref(str(self.resolve(argument)))
            if key == "Condition" and isinstance(argument, str):
                return self.condition(argument)
            if key.startswith("Fn::"):
                return self._function(key[4:], argument)
        resolved = {key: self.resolve(value) for key, value in node.items()}
        return {key: value for key, value in resolved.items() if value is not NO_VALUE}

    def _function(self, name: str, argument: Any) -> Any:
        if name == "GetAtt":
            parts = argument.split(".", 1) if isinstance(argument, str) else self.resolve(argument)
            if len(parts) != 2:
                raise TemplateError(f"Fn::GetAtt needs 'Resource.Attribute', got {argument!r}")
            return self.get_att(str(parts[0]), str(parts[1]))
        if name == "Sub":
            return self._sub(argument)
        if name == "If":
            condition, when_true, when_false = argument
            return self.resolve(when_true if self.condition(str(condition)) else when_false)
        if name == "Equals":
            left, right = (self.resolve(part) for part in argument)
            return _scalar_text(left) == _scalar_text(right)
        if name == "Not":
            return not self.resolve(argument[0])
        if name == "And":
            return all(self.resolve(part) for part in argument)
        if name == "Or":
            return any(self.resolve(part) for part in argument)
        if name == "Join":
            delimiter, items = argument
            return str(delimiter).join(_scalar_text(item) for item in self.resolve(items))
        if name == "Select":
            index, items = self.resolve(argument)
            return items[int(index)]
        if name == "Split":
            delimiter, text = self.resolve(argument)
            return str(text).split(str(delimiter))
        if name == "FindInMap":
            return self._find_in_map(self.resolve(argument))
        if name == "Base64":
            return base64.b64encode(str(self.resolve(argument)).encode()).decode()
        if name == "GetAZs":
            return [f"{REGION}{zone}" for zone in "abc"]
        if name == "Length":
            return len(self.resolve(argument))
        if name == "ToJsonString":
            return json.dumps(self.resolve(argument), separators=(",", ":"))
        # ImportValue, Cidr, Transform, ...: nothing local can stand for them.
        return placeholder(name.lower())

    def _sub(self, argument: Any) -> str:
        if isinstance(argument, list):
            text, variables = argument[0], self.resolve(argument[1]) if len(argument) > 1 else {}
        else:
            text, variables = argument, {}

        def replace(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("!"):
                return "${" + expression[1:] + "}"
            if expression in variables:
                return _scalar_text(variables[expression])
            if "." in expression and expression.split(".", 1)[0] in self.resources:
                logical_id, attribute = expression.split(".", 1)
                return _scalar_text(self.get_att(logical_id, attribute))
            return _scalar_text(self.ref(expression))

        return _SUB_VARIABLE.sub(replace, str(text))

    def _find_in_map(self, argument: list[Any]) -> Any:
        mapping, first, second = (str(part) for part in argument[:3])
        try:
            return self.template["Mappings"][mapping][first][second]
        except KeyError:
            if len(argument) > 3 and isinstance(argument[3], dict) and "DefaultValue" in argument[3]:
                return argument[3]["DefaultValue"]
            raise TemplateError(f"Fn::FindInMap: no {mapping}.{first}.{second}") from None


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_scalar_text(item) for item in value)
    return str(value)


def environment_text(value: Any) -> str:
    """Lambda environment values are strings; CloudFormation renders booleans in lower case."""
    return _scalar_text(value)
