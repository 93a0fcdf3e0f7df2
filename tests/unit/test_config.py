from __future__ import annotations

import pytest
from pydantic import Field

from shared.config import ConfigError, Settings, load_settings


class TableSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    jwt_issuer: str = Field(alias="JWT_ISSUER")
    jwt_audience: str = Field(alias="JWT_AUDIENCE", default="")


COMPLETE = {"CONTENT_TABLE": "content", "JWT_ISSUER": "https://issuer.example.com"}


def test_settings_are_read_from_the_variables_named_by_the_aliases():
    settings = load_settings(TableSettings, COMPLETE)

    assert settings.content_table == "content"
    assert settings.jwt_issuer == "https://issuer.example.com"


def test_a_variable_with_a_default_may_be_missing():
    assert load_settings(TableSettings, COMPLETE).jwt_audience == ""


def test_a_missing_variable_raises_config_error_naming_it():
    environ = {"JWT_ISSUER": "https://issuer.example.com"}

    with pytest.raises(ConfigError, match=r"CONTENT_TABLE: Field required"):
        load_settings(TableSettings, environ)


def test_config_error_names_every_missing_variable():
    with pytest.raises(ConfigError) as raised:
        load_settings(TableSettings, {})

    assert "CONTENT_TABLE" in str(raised.value)
    assert "JWT_ISSUER" in str(raised.value)


def test_config_error_names_the_settings_model():
    with pytest.raises(ConfigError, match=r"^TableSettings: invalid environment"):
        load_settings(TableSettings, {})


def test_a_variable_breaking_its_constraint_is_named_with_the_reason():
    with pytest.raises(ConfigError, match=r"CONTENT_TABLE: String should have at least 3 characters"):
        load_settings(TableSettings, COMPLETE | {"CONTENT_TABLE": "x"})


def test_variables_the_model_does_not_declare_are_ignored():
    settings = load_settings(TableSettings, COMPLETE | {"PATH": "/usr/bin"})

    assert not hasattr(settings, "PATH")


def test_settings_are_read_from_the_process_environment_by_default(monkeypatch):
    monkeypatch.setenv("CONTENT_TABLE", "from-process")
    monkeypatch.setenv("JWT_ISSUER", "https://issuer.example.com")

    assert load_settings(TableSettings).content_table == "from-process"


def test_an_empty_mapping_is_used_as_given_rather_than_the_process_environment(monkeypatch):
    monkeypatch.setenv("CONTENT_TABLE", "from-process")
    monkeypatch.setenv("JWT_ISSUER", "https://issuer.example.com")

    with pytest.raises(ConfigError):
        load_settings(TableSettings, {})


def test_settings_are_immutable():
    settings = load_settings(TableSettings, COMPLETE)

    with pytest.raises(ValueError, match="frozen"):
        settings.content_table = "other"  # type: ignore[misc]
