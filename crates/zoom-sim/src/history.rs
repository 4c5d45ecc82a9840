//! A meeting's past and future, derived from the meeting and the simulated clock rather than
//! stored: a meeting whose scheduled end is behind the clock has happened (its host joined at
//! the start and left at the end), and one set to record to the cloud (`auto_recording:
//! "cloud"`) then has a recording; one whose start is ahead is upcoming. So upcoming meetings,
//! past meetings and their participants, recordings and meeting reports all agree with the
//! meetings an integration created, and a test moves the clock to see a meeting happen.

use std::time::SystemTime;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::api::{fault_answer, guarded, is_own, needs_of, owner_of, Paging};
use crate::documented::answer::documented_error;
use crate::documented::{synth, Operation};
use crate::state::Sim;
use crate::world::{TokenRecord, World};

/// The operations answered here, by template.
const TEMPLATES: [&str; 7] = [
    "/users/{userId}/upcoming_meetings",
    "/past_meetings/{meetingId}",
    "/past_meetings/{meetingId}/participants",
    "/report/meetings/{meetingId}",
    "/report/users/{userId}/meetings",
    "/meetings/{meetingId}/recordings",
    "/users/{userId}/recordings",
];

/// The operations answered here, as `(method, template)`: for the contract report.
pub fn stateful_operations() -> Vec<(&'static str, &'static str)> {
    TEMPLATES.iter().map(|t| ("GET", *t)).collect()
}

/// The answer to `op` if it reads a meeting's past or future; `None` for any other.
pub(crate) async fn answer(
    sim: &Sim,
    op: &Operation,
    params: &[(String, String)],
    headers: &HeaderMap,
    paging: &Paging,
) -> Option<Response> {
    if op.method != "GET" || !TEMPLATES.contains(&op.path.as_str()) {
        return None;
    }
    if let Some(r) = fault_answer(sim, headers).await {
        return Some(r);
    }
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    // The owner's own data needs only user-level scopes: a path naming the owner, or a
    // meeting the owner hosts.
    let host_of_meeting = param("meetingId").parse::<u64>().ok().and_then(|id| {
        sim.world()
            .meetings
            .get(&id)
            .and_then(|m| m["host_id"].as_str().map(String::from))
    });
    let own = is_own(sim, headers, &param("userId"))
        || host_of_meeting.is_some_and(|host| is_own(sim, headers, &host));
    let shaped =
        |body: &Value| (StatusCode::OK, Json(synth::fitted(&op.schema, body))).into_response();
    let refused = |code: i64| documented_error(op, params, code);
    Some(guarded(sim, headers, needs_of(op), own, |record, world| {
        let now = world.now();
        match op.path.as_str() {
            "/users/{userId}/upcoming_meetings" => match host(world, record, &param("userId")) {
                Some(host) => {
                    let upcoming: Vec<Value> = hosted_by(world, &host.id)
                        .filter(|m| starts(m).is_some_and(|s| s > now))
                        .cloned()
                        .collect();
                    shaped(&json!({"total_records": upcoming.len(), "meetings": upcoming}))
                }
                None => refused(1001),
            },
            "/report/users/{userId}/meetings" => match host(world, record, &param("userId")) {
                Some(host) => {
                    let past: Vec<Value> = hosted_by(world, &host.id)
                        .filter(|m| happened(m, now))
                        .map(|m| details(m, &host))
                        .collect();
                    listed(&shaped, paging, "meetings", &past)
                }
                None => refused(1001),
            },
            "/users/{userId}/recordings" => match host(world, record, &param("userId")) {
                Some(host) => {
                    let recorded: Vec<Value> = hosted_by(world, &host.id)
                        .filter(|m| recorded(m, now))
                        .map(|m| recording(m, &record.account_id, sim.base_url()))
                        .collect();
                    listed(&shaped, paging, "meetings", &recorded)
                }
                None => refused(1001),
            },
            _ => {
                let meeting_id = param("meetingId");
                let meeting = meeting_id
                    .parse::<u64>()
                    .ok()
                    .and_then(|id| world.meetings.get(&id))
                    .filter(|m| happened(m, now));
                let Some(meeting) = meeting else {
                    return refused(3001);
                };
                let host = host_of(world, record, meeting);
                match op.path.as_str() {
                    "/past_meetings/{meetingId}/participants" => listed(
                        &shaped,
                        paging,
                        "participants",
                        &[participant(meeting, &host)],
                    ),
                    "/meetings/{meetingId}/recordings" if recorded(meeting, now) => {
                        shaped(&recording(meeting, &record.account_id, sim.base_url()))
                    }
                    "/meetings/{meetingId}/recordings" => refused(3301),
                    _ => shaped(&details(meeting, &host)),
                }
            }
        }
    }))
}

/// A page of `items` under `field`, with Zoom's paging fields.
fn listed(
    shaped: &dyn Fn(&Value) -> Response,
    paging: &Paging,
    field: &str,
    items: &[Value],
) -> Response {
    let (page, next) = paging.page(items);
    shaped(&json!({
        field: page, "page_size": paging.size(), "page_count": items.len().div_ceil(paging.size()),
        "total_records": items.len(), "next_page_token": next,
    }))
}

/// A meeting's host as reports name them: the same id, email and name as `GET /users`.
struct Host {
    id: String,
    email: String,
    name: String,
}

/// The user `user_id` names (`me`: the app's owner).
fn host(world: &World, record: &TokenRecord, user_id: &str) -> Option<Host> {
    let id = if user_id == "me" {
        owner_of(world, record)?
    } else {
        user_id.to_string()
    };
    world.user(&record.account_id, &id).map(|(u, _)| Host {
        id: u.id.clone(),
        email: u.email.clone(),
        name: format!("{} {}", u.first_name, u.last_name),
    })
}

/// `meeting`'s host (empty fields for one no longer in the account).
fn host_of(world: &World, record: &TokenRecord, meeting: &Value) -> Host {
    let id = meeting["host_id"].as_str().unwrap_or_default();
    host(world, record, id).unwrap_or(Host {
        id: id.to_string(),
        email: String::new(),
        name: String::new(),
    })
}

fn hosted_by<'a>(world: &'a World, host: &'a str) -> impl Iterator<Item = &'a Value> {
    world
        .meetings
        .values()
        .filter(move |m| m["host_id"] == host)
}

fn starts(meeting: &Value) -> Option<SystemTime> {
    meeting["start_time"]
        .as_str()
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
        .map(SystemTime::from)
}

fn ends(meeting: &Value) -> Option<SystemTime> {
    let minutes = meeting["duration"].as_u64().unwrap_or(0);
    starts(meeting).map(|s| s + std::time::Duration::from_secs(minutes * 60))
}

fn happened(meeting: &Value, now: SystemTime) -> bool {
    ends(meeting).is_some_and(|end| end <= now)
}

fn recorded(meeting: &Value, now: SystemTime) -> bool {
    happened(meeting, now) && meeting["settings"]["auto_recording"] == "cloud"
}

fn iso(at: Option<SystemTime>) -> String {
    at.and_then(|t| OffsetDateTime::from(t).format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// A past meeting as its details and reports give it.
fn details(meeting: &Value, host: &Host) -> Value {
    let minutes = meeting["duration"].as_u64().unwrap_or(0);
    json!({
        "id": meeting["id"], "uuid": meeting["uuid"], "host_id": meeting["host_id"],
        "topic": meeting["topic"], "type": meeting["type"], "start_time": meeting["start_time"],
        "end_time": iso(ends(meeting)), "duration": minutes, "total_minutes": minutes,
        "participants_count": 1, "user_email": host.email, "user_name": host.name, "dept": "",
        "source": "Zoom", "has_meeting_summary": false,
    })
}

/// The one participant a simulated meeting has: its host, from start to end.
fn participant(meeting: &Value, host: &Host) -> Value {
    json!({
        "id": host.id, "user_id": "16778240", "name": host.name, "user_email": host.email,
        "join_time": meeting["start_time"], "leave_time": iso(ends(meeting)),
        "duration": meeting["duration"].as_u64().unwrap_or(0) * 60, "failover": false,
        "status": "in_meeting", "internal_user": true,
    })
}

/// A cloud recording of `meeting`: a video and an audio file, downloadable from the
/// simulator's file host.
fn recording(meeting: &Value, account_id: &str, base_url: &str) -> Value {
    let id = meeting["id"].as_u64().unwrap_or_default();
    let (start, end) = (meeting["start_time"].clone(), iso(ends(meeting)));
    let file = |kind: &str, extension: &str, size: u64| {
        json!({
            "id": format!("{id}-{extension}"), "meeting_id": meeting["uuid"],
            "recording_start": start, "recording_end": end, "file_type": kind,
            "file_extension": extension, "file_size": size, "status": "completed",
            "recording_type": if kind == "MP4" { "shared_screen_with_speaker_view" } else { "audio_only" },
            "download_url": format!("{base_url}/rec/download/{id}.{}", extension.to_lowercase()),
            "play_url": format!("{base_url}/rec/play/{id}"),
        })
    };
    json!({
        "account_id": account_id, "id": id, "uuid": meeting["uuid"],
        "host_id": meeting["host_id"], "topic": meeting["topic"],
        "type": meeting["type"].as_u64().unwrap_or(2).to_string(),
        "start_time": start, "duration": meeting["duration"], "recording_count": 2,
        "total_size": 1_048_576 + 131_072,
        "recording_files": [file("MP4", "MP4", 1_048_576), file("M4A", "M4A", 131_072)],
    })
}
