from enum import StrEnum


class Badge(StrEnum):
    CHAMPION = "champion"
    CONTRIBUTOR = "contributor"
    FIRST_IDEA = "first-idea"
    HELPFUL_VOICE = "helpful-voice"
    HUNDRED_SUPPORTERS = "hundred-supporters"
    SHIPPED_IDEA = "shipped-idea"

    def __str__(self) -> str:
        return str(self.value)
