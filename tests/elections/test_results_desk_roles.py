"""The results desk side of the newsroom roles (`newsroom.articles.roles.apply_roles`): the
permission lists below are what those roles must grant on the elections side, and what
`tests.factories.user` hands out, whole or in part, for single-permission personas. The
`journalist` and `editor` personas themselves are the shared fixtures of tests/conftest.py."""

ELECTIONS_MODELS = [
    "election",
    "constituency",
    "contest",
    "round",
    "candidacy",
    "roundresult",
    "listmember",
    "officialwinner",
    "resultupdate",
]
PEOPLE_MODELS = ["person", "organisation", "membership"]
# As the roles list them: journalists read everything about results, enter nothing.
JOURNALIST_ELECTIONS = ELECTIONS_MODELS
JOURNALIST = [("elections", f"view_{m}") for m in JOURNALIST_ELECTIONS] + [
    ("people", f"view_{m}") for m in PEOPLE_MODELS
]
EDITOR = (
    [("elections", f"{a}_{m}") for m in ELECTIONS_MODELS for a in ("add", "change", "view")]
    + [("people", f"{a}_{m}") for m in PEOPLE_MODELS for a in ("add", "change", "delete", "view")]
    + [("elections", "change_contest_status"), ("elections", "import_results")]
)


def test_editor_may_enter_import_and_change_status(editor):
    assert editor.has_perms(
        [
            "elections.change_contest_status",
            "elections.import_results",
            "elections.change_round",
            "elections.add_roundresult",
            "elections.change_roundresult",
        ]
    )


def test_journalist_reads_results_and_people_only(journalist):
    assert journalist.has_perms(["elections.view_contest", "elections.view_roundresult"])
    assert journalist.has_perm("people.view_person")
    assert not journalist.has_perm("elections.change_contest_status")
    assert not journalist.has_perm("elections.import_results")
    assert not journalist.has_perm("elections.change_roundresult")
