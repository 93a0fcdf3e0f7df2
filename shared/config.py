"""Environment read once into validated pydantic models: a missing variable fails the cold start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

SettingsT = TypeVar("SettingsT", bound="Settings")


class ConfigError(RuntimeError):
    """The environment does not hold what the function needs."""


class Settings(BaseModel):
    """Base for a function's settings. Field aliases are the environment variable names."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


def load_settings(model: type[SettingsT], environ: Mapping[str, str] | None = None) -> SettingsT:
    """Build ``model`` from the environment; raise ConfigError naming every missing or bad variable."""
    env = os.environ if environ is None else environ
    try:
        return model.model_validate(dict(env))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"])
            problems.append(f"{name}: {error['msg']}")
        raise ConfigError(f"{model.__name__}: invalid environment: " + "; ".join(problems)) from exc
