"""The elections admin: contests and the results desk, rounds, candidacies, history."""

from elections.admin import contests, rounds

__all__ = ["contests", "rounds"]
