from enum import StrEnum


class StaffRole(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"

    def __str__(self) -> str:
        return str(self.value)
