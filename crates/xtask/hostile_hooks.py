"""Real ids for the hostile pass (`cargo xtask test`, `cargo xtask fuzz`).

Schemathesis draws path parameters at random, so nearly every operation on one record answers
404 and the code behind it is never reached. At start this reads, as the caller
(KITH_BASE, KITH_TOKEN), the ids of records the caller may reach: their first child, its
network person, an option, a placement, its goal, a visit, a proposal, themselves. Three of four
drawn values are then replaced by a real id of the kind the path names; the fourth stays as
drawn, so out-of-reach and nonsense ids are still tried.
"""

import json
import os
import urllib.request

import schemathesis

BASE = os.environ["KITH_BASE"]
TOKEN = os.environ["KITH_TOKEN"]


def get(path, method="GET"):
    request = urllib.request.Request(
        BASE + path,
        headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"},
        method=method,
        data=b"{}" if method == "POST" else None,
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except Exception:
        return None


def first(body, key="items"):
    if isinstance(body, dict):
        body = body.get(key)
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return body[0].get("id")
    return None


def real_ids():
    ids = {}
    me = get("/api/v1/session") or {}
    ids["users"] = me.get("id")
    # Someone else, for the operations that would end the caller's own sessions and tokens
    # (the token this pass runs on): only an administrator can list them.
    others = [u.get("id") for u in (get("/api/v1/users") or {}).get("items") or []]
    ids["other_user"] = next((u for u in others if u != ids["users"]), None)
    children = (get("/api/v1/children?limit=2") or {}).get("items") or []
    if children:
        ids["children"] = children[0]["id"]
        child = get("/api/v1/children/%s" % ids["children"]) or {}
        ids["person_id"] = first(child.get("network"), key=None)
        revealed = get("/api/v1/children/%s/cpr-reveal" % ids["children"], "POST") or {}
        ids["cpr"] = revealed.get("cpr")
    if len(children) > 1:
        ids["sibling_id"] = children[1]["id"]
    ids["placement-options"] = first(get("/api/v1/placement-options?limit=1"))
    ids["placements"] = first(get("/api/v1/placements?limit=1"))
    if ids["placements"] is not None:
        goals = get("/api/v1/placements/%s/goals" % ids["placements"])
        ids["goals"] = first(goals, key="goals") or first(goals, key=None)
    ids["visits"] = first(get("/api/v1/visits?limit=1"))
    ids["proposals"] = first(get("/api/v1/proposals?limit=1"))
    return {k: v for k, v in ids.items() if v is not None}


IDS = real_ids()
WORDS = {
    "code": ["attachment", "trauma"],
    "file": ["children.csv", "visits.xlsx", "goals.csv", "dashboard.xlsx"],
    "format": ["csv", "xlsx"],
    "kind": ["options", "children"],
}


def kind_of(path):
    """The resource a path's `{id}` names: the segment before it."""
    parts = path.strip("/").split("/")
    for i, part in enumerate(parts):
        if part == "{id}" and i > 0:
            return parts[i - 1]
    return None


def keep_drawn(drawn):
    """One drawn value in four stays as it came (out of reach, or nonsense)."""
    return hash(str(drawn)) % 4 == 0


# Fields of a body that name a record, and the kind of record.
BODY_IDS = {
    "child_id": "children",
    "option_id": "placement-options",
    "sibling_id": "sibling_id",
    "cpr": "cpr",
}


@schemathesis.hook
def map_body(ctx, body):
    if not isinstance(body, dict):
        return body
    for field, kind in BODY_IDS.items():
        if field in body and kind in IDS and not keep_drawn(body[field]):
            body[field] = IDS[kind]
    if isinstance(body.get("children"), list) and "children" in IDS:
        if not keep_drawn(body["children"]):
            body["children"] = [IDS["children"]]
    return body


LOG = os.environ.get("KITH_HOSTILE_LOG")


@schemathesis.hook
def after_call(ctx, case, response):
    """Notes each operation's answers, for the count of operations never reached."""
    if LOG:
        with open(LOG, "a") as f:
            f.write("%s %s %s\n" % (case.method.upper(), case.operation.path, response.status_code))


@schemathesis.hook
def map_path_parameters(ctx, path_parameters):
    if not path_parameters:
        return path_parameters
    path = ctx.operation.path
    for name, drawn in list(path_parameters.items()):
        if keep_drawn(drawn):
            continue
        if name in WORDS:
            choices = WORDS[name]
            path_parameters[name] = choices[hash(str(drawn)) % len(choices)]
        elif name == "id" and path.endswith("/users/{id}/sessions") and "other_user" in IDS:
            path_parameters[name] = IDS["other_user"]
        elif name == "id" and kind_of(path) in IDS:
            path_parameters[name] = IDS[kind_of(path)]
        elif name == "option_id" and "placement-options" in IDS:
            path_parameters[name] = IDS["placement-options"]
        elif name in IDS:
            path_parameters[name] = IDS[name]
    return path_parameters
