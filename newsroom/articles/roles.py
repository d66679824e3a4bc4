"""The newsroom's two roles as Django groups, applied by a data migration and by
`manage.py setup_roles` (idempotent: re-running brings the groups back to this list)."""

from django.apps import apps as global_apps

JOURNALIST = "Journaliste"
EDITOR = "Éditeur"

_VIEW_PEOPLE_AND_RESULTS = [
    ("people", "view_person"),
    ("people", "view_organisation"),
    ("people", "view_membership"),
    ("elections", "view_election"),
    ("elections", "view_constituency"),
    ("elections", "view_contest"),
    ("elections", "view_round"),
    ("elections", "view_candidacy"),
    ("elections", "view_roundresult"),
    ("elections", "view_listmember"),
    ("elections", "view_officialwinner"),
    ("elections", "view_resultupdate"),
    ("elections", "view_racecall"),
]

# (app_label, codename); an app label with "*" stands for the listed actions on every
# model of that app, including ones added later.
ROLES: dict[str, list[tuple[str, str]]] = {
    JOURNALIST: [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "view_section"),
        ("articles", "view_topic"),
        # Their own entries in the live blogs they sign (`permissions.can_post_entry`);
        # deleting one, like any public text, is an editor's call.
        ("articles", "add_liveentry"),
        ("articles", "change_liveentry"),
        ("articles", "view_liveentry"),
        *_VIEW_PEOPLE_AND_RESULTS,
    ],
    EDITOR: [
        ("articles", "*add,change,delete,view"),
        ("articles", "publish_article"),
        ("people", "*add,change,delete,view"),
        ("elections", "*add,change,view"),
        ("elections", "change_contest_status"),
        ("elections", "import_results"),
        ("elections", "call_race"),
        # The site's own pages (about, legal notice, contact).
        ("flatpages", "*add,change,view"),
    ],
}


def _permissions(permission_model, app_label: str, codename: str) -> list:
    found = permission_model.objects.filter(content_type__app_label=app_label)
    if codename.startswith("*"):
        actions = tuple(f"{action}_" for action in codename[1:].split(","))
        return [p for p in found if p.codename.startswith(actions)]
    # A codename another app has not declared yet is skipped: re-run setup_roles later.
    return list(found.filter(codename=codename))


def apply_roles(apps=global_apps) -> dict[str, int]:
    """Create or update each group with exactly its permissions; return their counts.

    `apps` is the migration state when called from a migration."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    counts = {}
    for name, grants in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        # A set: "*change" also matches custom codenames such as change_contest_status.
        permissions = {
            permission
            for app_label, codename in grants
            for permission in _permissions(permission_model, app_label, codename)
        }
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts
