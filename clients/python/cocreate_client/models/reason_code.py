from enum import StrEnum


class ReasonCode(StrEnum):
    DUPLICATE = "duplicate"
    OFFENSIVE = "offensive"
    OFF_TOPIC = "off_topic"
    OTHER = "other"
    PERSONAL_DATA = "personal_data"
    SPAM = "spam"

    def __str__(self) -> str:
        return str(self.value)
