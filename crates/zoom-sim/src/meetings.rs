//! Meetings, as Zoom's Meetings API answers them (developers.zoom.us/docs/api/meetings/):
//! `GET`/`POST /v2/users/{userId}/meetings`, `GET`/`PATCH`/`DELETE /v2/meetings/{meetingId}`,
//! with the scope check of each operation (`4711`), `3001` for an unknown meeting, and the
//! per-host limit of 100 creates and updates a day (`429`, reset at 00:00 UTC).

use std::time::SystemTime;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::api::{fault_answer, guarded, is_own, needs, owner_of, Paging};
use crate::merge::{merge, writable};
use crate::state::Sim;
use crate::wire::{self, api_error, iso_in};
use crate::world::MEETING_WRITES_PER_HOST_PER_DAY;

/// `GET /v2/users/{userId}/meetings` (operationId `meetings`).
pub async fn list(sim: &Sim, user_id: &str, paging: Paging, headers: &HeaderMap) -> Response {
    if let Some(r) = fault_answer(sim, headers).await {
        return r;
    }
    let own = is_own(sim, headers, user_id);
    guarded(sim, headers, needs("meetings"), own, |record, world| {
        let host = resolve(world, record, user_id);
        let all: Vec<Value> = world
            .meetings
            .values()
            .filter(|m| m["host_id"] == host)
            .map(summary)
            .collect();
        let (page, next) = paging.page(&all);
        Json(json!({
            "page_size": paging.size(), "total_records": all.len(),
            "next_page_token": next, "meetings": page,
        }))
        .into_response()
    })
}

/// `POST /v2/users/{userId}/meetings` (operationId `meetingCreate`): 201 with the meeting.
pub async fn create(
    sim: &Sim,
    user_id: &str,
    headers: &HeaderMap,
    body: Option<Value>,
) -> Response {
    if let Some(r) = fault_answer(sim, headers).await {
        return r;
    }
    let asked = body.unwrap_or_else(|| json!({}));
    let own = is_own(sim, headers, user_id);
    guarded(
        sim,
        headers,
        needs("meetingCreate"),
        own,
        |record, world| {
            let host = resolve(world, record, user_id);
            let Some(email) = world
                .user(&record.account_id, &host)
                .map(|(user, _)| user.email.clone())
            else {
                return api_error(
                    StatusCode::NOT_FOUND,
                    1001,
                    &format!("User does not exist: {host}."),
                );
            };
            if let Err(resets_in) = world.spend_meeting_write(&host) {
                return host_limit(world.now(), resets_in);
            }
            let id = world.new_meeting_id();
            let meeting = meeting_json(id, (&host, &email), &asked, world.now());
            world.meetings.insert(id, meeting.clone());
            (StatusCode::CREATED, Json(meeting)).into_response()
        },
    )
}

/// `GET /v2/meetings/{meetingId}` (operationId `meeting`).
pub async fn get(sim: &Sim, meeting_id: &str, headers: &HeaderMap) -> Response {
    by_id(sim, headers, meeting_id, "meeting", |_, meeting| {
        Json(meeting.clone()).into_response()
    })
    .await
}

/// `PATCH /v2/meetings/{meetingId}` (operationId `meetingUpdate`): 204; counts toward the
/// host's daily limit.
pub async fn update(
    sim: &Sim,
    meeting_id: &str,
    headers: &HeaderMap,
    body: Option<Value>,
) -> Response {
    let changes = body.unwrap_or_else(|| json!({}));
    by_id(
        sim,
        headers,
        meeting_id,
        "meetingUpdate",
        |world, meeting| {
            let host = meeting["host_id"].as_str().unwrap_or_default().to_string();
            let id = meeting["id"].as_u64().unwrap_or_default();
            if let Err(resets_in) = world.spend_meeting_write(&host) {
                return host_limit(world.now(), resets_in);
            }
            if let Some(stored) = world.meetings.get_mut(&id) {
                merge(stored, &writable(&changes));
            }
            StatusCode::NO_CONTENT.into_response()
        },
    )
    .await
}

/// `DELETE /v2/meetings/{meetingId}` (operationId `meetingDelete`): 204.
pub async fn delete(sim: &Sim, meeting_id: &str, headers: &HeaderMap) -> Response {
    by_id(
        sim,
        headers,
        meeting_id,
        "meetingDelete",
        |world, meeting| {
            if let Some(id) = meeting["id"].as_u64() {
                world.meetings.remove(&id);
            }
            StatusCode::NO_CONTENT.into_response()
        },
    )
    .await
}

/// A meeting route: faults, the scope check (own-user scopes suffice for the owner's own
/// meetings), then `3001` for an unknown meeting.
async fn by_id(
    sim: &Sim,
    headers: &HeaderMap,
    meeting_id: &str,
    operation_id: &str,
    answer: impl FnOnce(&mut crate::world::World, &Value) -> Response,
) -> Response {
    if let Some(r) = fault_answer(sim, headers).await {
        return r;
    }
    let host = meeting_id
        .parse::<u64>()
        .ok()
        .and_then(|id| sim.world().meetings.get(&id).map(|m| m["host_id"].clone()));
    let own = host
        .as_ref()
        .and_then(Value::as_str)
        .is_some_and(|h| is_own(sim, headers, h));
    guarded(
        sim,
        headers,
        needs(operation_id),
        own,
        |_, world| match meeting_id
            .parse::<u64>()
            .ok()
            .and_then(|id| world.meetings.get(&id).cloned())
        {
            Some(meeting) => answer(world, &meeting),
            None => api_error(
                StatusCode::NOT_FOUND,
                3001,
                &format!("Meeting does not exist: {meeting_id}."),
            ),
        },
    )
}

fn resolve(
    world: &crate::world::World,
    record: &crate::world::TokenRecord,
    user_id: &str,
) -> String {
    if user_id == "me" {
        owner_of(world, record).unwrap_or_default()
    } else {
        world
            .user(&record.account_id, user_id)
            .map(|(u, _)| u.id.clone())
            .unwrap_or_else(|| user_id.to_string())
    }
}

/// A created meeting, with the fields Zoom's answer carries: the host's own email, and the
/// settings asked for over Zoom's defaults.
fn meeting_json(id: u64, host: (&str, &str), asked: &Value, now: SystemTime) -> Value {
    let (host, host_email) = host;
    let topic = asked["topic"]
        .as_str()
        .unwrap_or("Zoom meeting")
        .to_string();
    let kind = asked["type"].as_u64().unwrap_or(2);
    let start = asked["start_time"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| iso_in(now, 3_600));
    let password: String = format!("{:06}", id % 1_000_000);
    let mut meeting = json!({
        "id": id,
        "uuid": format!("sim{id:x}=="),
        "host_id": host,
        "host_email": host_email,
        "topic": topic,
        "type": kind,
        "status": "waiting",
        "start_time": start,
        "duration": asked["duration"].as_u64().unwrap_or(30),
        "timezone": asked["timezone"].as_str().unwrap_or("UTC"),
        "agenda": asked["agenda"].as_str().unwrap_or(""),
        "created_at": iso_in(now, 0),
        "join_url": format!("https://zoom.us/j/{id}?pwd=sim"),
        "start_url": format!("https://zoom.us/s/{id}?zak=sim"),
        "password": password,
        "pre_schedule": false,
    });
    let mut settings = json!({
        "host_video": false, "participant_video": false, "join_before_host": false,
        "mute_upon_entry": false, "waiting_room": true, "audio": "voip",
        "auto_recording": "none", "approval_type": 2,
    });
    if asked["settings"].is_object() {
        merge(&mut settings, &asked["settings"]);
    }
    meeting["settings"] = settings;
    meeting
}

fn summary(meeting: &Value) -> Value {
    json!({
        "id": meeting["id"], "uuid": meeting["uuid"], "host_id": meeting["host_id"],
        "topic": meeting["topic"], "type": meeting["type"], "start_time": meeting["start_time"],
        "duration": meeting["duration"], "timezone": meeting["timezone"],
        "created_at": meeting["created_at"], "join_url": meeting["join_url"],
    })
}

/// Zoom's 429 for a host past the meeting create/update limit: only waiting for 00:00 UTC helps.
fn host_limit(now: SystemTime, resets_in_secs: u64) -> Response {
    wire::too_many_requests(
        &format!("You have exceeded the daily rate limit ({MEETING_WRITES_PER_HOST_PER_DAY}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00."),
        &wire::Limit {
            category: "Light",
            kind: "Daily-limit",
            limit: u64::from(MEETING_WRITES_PER_HOST_PER_DAY),
            retry_after: Some(wire::iso_in(now, resets_in_secs)),
        },
    )
}
