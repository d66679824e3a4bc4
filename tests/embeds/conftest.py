"""The 2023 data as the elections tests load it: the widgets show those contests."""

from tests.elections.conftest import import_csv, nc_contest, senate_2023  # noqa: F401
