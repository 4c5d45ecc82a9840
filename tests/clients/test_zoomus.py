"""zoomus (PyPI, unchanged) against the simulator, through its documented `base_uri` and
`oauth_uri`: the Server-to-Server token, paging, lookups, updates read back, deletes and their
documented errors, a missing scope, and a token reused until it expires, then renewed.

scripts/clients.sh starts the simulator and sets the environment this reads.
"""

import json
import os
import urllib.request
from datetime import datetime

import pytest
from zoomus import ZoomClient

SIM = os.environ["S2S_SIM_URL"]
ADMIN = os.environ["S2S_SIM_ADMIN_TOKEN"]
ACCOUNT = os.environ["S2S_SIM_ACCOUNT"]
# The Ops app holds every scope (set by scripts/clients.sh); the Reporting Bot holds a few
# granular read scopes and nothing that writes meetings.
OPS = ("SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002")
REPORTING = ("SbxReportingBot0000001", "sandboxSecretReportingBot0000001")
OWNER_EMAIL = "olivia.owner@sandbox.example"


def zoom(app=OPS):
    return ZoomClient(app[0], app[1], ACCOUNT, base_uri=f"{SIM}/v2", oauth_uri=f"{SIM}/oauth/token")


def control(method, path, body=None):
    request = urllib.request.Request(
        f"{SIM}/_sim/{path}",
        method=method,
        data=json.dumps(body or {}).encode(),
        headers={"x-sim-admin-token": ADMIN, "content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        text = answer.read()
        return json.loads(text) if text else None


def token_requests(client_id):
    return control("GET", "stats")["token_requests"].get(client_id, 0)


def test_users_page_by_page_add_up_to_the_total():
    client = zoom()
    seen, token = [], ""
    while True:
        page = client.user.list(page_size=2, next_page_token=token).json()
        seen += [u["id"] for u in page["users"]]
        token = page["next_page_token"]
        if not token:
            break
    assert len(seen) == page["total_records"] == len(set(seen)) >= 4


def test_a_user_is_found_by_email_and_the_email_check_agrees():
    client = zoom()
    user = client.user.get(id=OWNER_EMAIL).json()
    assert user["email"] == OWNER_EMAIL and user["role_id"] == "0"
    assert client.user.check_email(email=OWNER_EMAIL).json() == {"existed_email": True}
    assert client.user.check_email(email="nobody@example.com").json() == {"existed_email": False}


def test_a_meeting_update_is_read_back_with_its_other_settings_kept():
    client = zoom()
    created = client.meeting.create(
        user_id="me", topic="Weekly sync", settings={"waiting_room": True, "mute_upon_entry": False}
    )
    assert created.status_code == 201, created.text
    meeting = created.json()
    assert meeting["host_email"] == OWNER_EMAIL
    updated = client.meeting.update(id=meeting["id"], agenda="Q3", settings={"mute_upon_entry": True})
    assert updated.status_code == 204, updated.text
    read = client.meeting.get(id=meeting["id"]).json()
    assert read["agenda"] == "Q3"
    assert read["settings"]["mute_upon_entry"] is True
    assert read["settings"]["waiting_room"] is True


def test_user_settings_change_one_at_a_time():
    client = zoom()
    before = client.user.get_settings(id="me").json()
    answer = client.user.update_settings(id="me", in_meeting={"chat": False})
    assert answer.status_code == 204, answer.text
    after = client.user.get_settings(id="me").json()
    assert after["in_meeting"]["chat"] is False
    assert {k: v for k, v in after["in_meeting"].items() if k != "chat"} == {
        k: v for k, v in before["in_meeting"].items() if k != "chat"
    }


def test_a_webinar_takes_registrants_and_is_gone_once_deleted():
    client = zoom()
    webinar = client.webinar.create(user_id="me", topic="All hands", type=5).json()
    registered = client.webinar.register(
        id=webinar["id"], email="guest@example.com", first_name="Gus", last_name="Guest"
    )
    assert registered.status_code == 201, registered.text
    registrants = client.webinar.get_registrants(id=webinar["id"]).json()["registrants"]
    assert [r["email"] for r in registrants] == ["guest@example.com"]
    assert client.webinar.delete(id=webinar["id"]).status_code == 204
    gone = client.webinar.get(id=webinar["id"])
    assert gone.status_code == 404 and gone.json()["code"] == 3001


def test_a_deleted_meeting_answers_zooms_3001():
    client = zoom()
    meeting = client.meeting.create(user_id="me", topic="Short-lived").json()
    assert client.meeting.delete(id=meeting["id"]).status_code == 204
    gone = client.meeting.get(id=meeting["id"])
    assert gone.status_code == 404
    assert gone.json() == {"code": 3001, "message": f"Meeting does not exist: {meeting['id']}."}


def test_a_recorded_meeting_has_files_once_it_has_happened():
    client = zoom()
    meeting = client.meeting.create(
        user_id="me", topic="Recorded", start_time=datetime(2026, 1, 5, 10, 0), duration=30,
        settings={"auto_recording": "cloud"},
    ).json()
    recording = client.recording.get(meeting_id=meeting["id"]).json()
    assert {f["file_type"] for f in recording["recording_files"]} == {"MP4", "M4A"}
    listed = client.recording.list(user_id="me").json()
    assert meeting["id"] in [m["id"] for m in listed["meetings"]]


def test_a_call_the_app_has_no_scope_for_is_zooms_4711():
    client = zoom(REPORTING)
    refused = client.meeting.create(user_id="me", topic="Not allowed")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == 4711
    assert body["message"].startswith("Invalid access token, does not contain scopes:[")
    assert "meeting:write:meeting" in body["message"], "granular names for a granular app"


def test_one_token_serves_every_call_until_it_expires_then_a_new_one_does():
    client = zoom()
    before = token_requests(OPS[0])
    for _ in range(5):
        assert client.user.get(id="me").status_code == 200
    assert token_requests(OPS[0]) == before, "zoomus reuses its token"
    control("POST", "clock/advance", {"secs": 3700})
    expired = client.user.get(id="me")
    assert expired.status_code == 401
    assert expired.json() == {"code": 124, "message": "Access token is expired."}
    client.refresh_token()
    assert client.user.get(id="me").status_code == 200
    assert token_requests(OPS[0]) == before + 1


@pytest.fixture(autouse=True)
def fresh_budget():
    """Each scenario starts with the account's rate-limit budget unspent."""
    control("POST", f"accounts/{ACCOUNT}/reset")
