from enum import StrEnum


class Action(StrEnum):
    APPROVE = "approve"
    HIDE = "hide"
    REJECT = "reject"
    RESTORE = "restore"

    def __str__(self) -> str:
        return str(self.value)
