//! Changing who is in the account, as Zoom's Users and Roles APIs do it: add, update and remove
//! users; create, change and delete roles; assign and unassign their members. The fixture is the
//! state, so every other answer (`GET /users`, tokens, the scope rule) sees the change at once:
//! a role change strips the admin scopes an owner's apps may no longer hold (`world/roles.rs`),
//! and a removed user's apps pass to the account Owner, as Zoom transfers them (FACTS.md "App
//! ownership").

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::api::{fault_answer, guarded, is_own, needs_of, owner_of};
use crate::documented::answer::documented_error;
use crate::documented::Operation;
use crate::fixture::{Role, User};
use crate::state::Sim;
use crate::wire::{api_error, iso_in};
use crate::world::{TokenRecord, World};

/// The role every user without another one has ("Member"), as Zoom's built-in roles number it.
const MEMBER_ROLE: &str = "2";
/// The account Owner's role.
const OWNER_ROLE: &str = "0";
/// The built-in roles, which cannot be deleted.
const BUILT_IN_ROLES: [&str; 3] = [OWNER_ROLE, "1", MEMBER_ROLE];

/// The operations answered here, by `(method, template)`.
const OPERATIONS: [(&str, &str); 11] = [
    ("POST", "/users"),
    ("PATCH", "/users/{userId}"),
    ("PUT", "/users/{userId}/status"),
    ("DELETE", "/users/{userId}"),
    ("GET", "/users/email"),
    ("POST", "/roles"),
    ("PATCH", "/roles/{roleId}"),
    ("DELETE", "/roles/{roleId}"),
    ("GET", "/roles/{roleId}/members"),
    ("POST", "/roles/{roleId}/members"),
    ("DELETE", "/roles/{roleId}/members/{memberId}"),
];

/// The operations answered here, for the contract report.
pub fn stateful_operations() -> Vec<(&'static str, &'static str)> {
    OPERATIONS.to_vec()
}

/// One call, as the handlers need it.
struct Call<'a> {
    op: &'a Operation,
    params: &'a [(String, String)],
    query: &'a [(String, String)],
    body: Value,
}

impl Call<'_> {
    fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .chain(self.query)
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn refused(&self, code: i64) -> Response {
        documented_error(self.op, self.params, code)
    }

    /// [`Call::refused`], with `extra` placeholders (`email`, `roleName`) for the message.
    fn refused_with(&self, code: i64, extra: &[(&str, &str)]) -> Response {
        let mut params = self.params.to_vec();
        params.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string())),
        );
        documented_error(self.op, &params, code)
    }

    /// Zoom's answer to a request missing what it must name: 300, "Validation Failed.".
    fn invalid(&self) -> Response {
        api_error(StatusCode::BAD_REQUEST, 300, "Validation Failed.")
    }

    fn done(&self) -> Response {
        crate::documented::answer::success(self.op)
    }
}

/// The answer to `op` if it changes users or roles; `None` for any other.
pub(crate) async fn answer(
    sim: &Sim,
    op: &Operation,
    params: &[(String, String)],
    query: &[(String, String)],
    headers: &HeaderMap,
    body: Option<&Value>,
) -> Option<Response> {
    if !OPERATIONS.contains(&(op.method.as_str(), op.path.as_str())) {
        return None;
    }
    if let Some(r) = fault_answer(sim, headers).await {
        return Some(r);
    }
    let call = Call {
        op,
        params,
        query,
        body: body.cloned().unwrap_or_else(|| json!({})),
    };
    let own = is_own(sim, headers, call.param("userId"));
    Some(guarded(
        sim,
        headers,
        needs_of(op),
        own,
        |record, world| match (op.method.as_str(), op.path.as_str()) {
            ("POST", "/users") => create_user(&call, record, world),
            ("PATCH", "/users/{userId}") => update_user(&call, record, world),
            ("PUT", "/users/{userId}/status") => set_status(&call, record, world),
            ("DELETE", "/users/{userId}") => remove_user(&call, record, world),
            ("GET", "/users/email") => {
                let email = call.param("email");
                if email.is_empty() {
                    return call.refused(300);
                }
                let known = world.user(&record.account_id, email).is_some();
                Json(json!({"existed_email": known})).into_response()
            }
            ("POST", "/roles") => create_role(&call, record, world),
            ("GET", "/roles/{roleId}/members") => role_members(&call, record, world),
            (_, path) if path.starts_with("/roles/{roleId}") => change_role(&call, record, world),
            _ => crate::wire::not_recognized(),
        },
    ))
}

/// `POST /users`: a new user in the Member role; 1005 for an email already used.
fn create_user(call: &Call, record: &TokenRecord, world: &mut World) -> Response {
    let info = &call.body["user_info"];
    let Some(email) = info["email"].as_str().filter(|e| e.contains('@')) else {
        return call.invalid();
    };
    if world.user(&record.account_id, email).is_some() {
        return call.refused_with(1005, &[("email", email)]);
    }
    let id = crate::collections::text_id(world.new_object_id());
    let user = User {
        id: id.clone(),
        email: email.to_string(),
        first_name: info["first_name"].as_str().unwrap_or_default().to_string(),
        last_name: info["last_name"].as_str().unwrap_or_default().to_string(),
        role_id: MEMBER_ROLE.to_string(),
    };
    let answer = json!({"id": user.id, "email": user.email, "first_name": user.first_name,
        "last_name": user.last_name, "type": info["type"].as_u64().unwrap_or(1)});
    if let Some(account) = world.account_mut(&record.account_id) {
        account.users.push(user);
    }
    (StatusCode::CREATED, Json(answer)).into_response()
}

/// `PATCH /users/{userId}`: names change on the user; every other field is kept as sent and
/// answered back by `GET /users/{userId}`.
fn update_user(call: &Call, record: &TokenRecord, world: &mut World) -> Response {
    let Some(id) = resolve_user(world, record, call.param("userId")) else {
        return call.refused(1001);
    };
    if let Some(user) = world.user_mut(&record.account_id, &id) {
        if let Some(first) = call.body["first_name"].as_str() {
            user.first_name = first.to_string();
        }
        if let Some(last) = call.body["last_name"].as_str() {
            user.last_name = last.to_string();
        }
    }
    world.update_user_profile(&id, &call.body);
    call.done()
}

/// `PUT /users/{userId}/status` (`action` `deactivate` or `activate`; the clock actions are
/// Zoom Workforce's): the status `GET /users/{userId}` and `/users/me` then show (`inactive`,
/// `active`). The account Owner cannot be deactivated (refused as their removal is, 1117). A
/// deactivated owner's apps keep working here: Zoom documents moving an app only when its owner
/// leaves the account (FACTS.md "App ownership"), so S2S Desk flags the status, nothing more.
fn set_status(call: &Call, record: &TokenRecord, world: &mut World) -> Response {
    let Some(id) = resolve_user(world, record, call.param("userId")) else {
        return call.refused(1001);
    };
    let status = match call.body["action"].as_str() {
        Some("deactivate") => "inactive",
        Some("activate") => "active",
        Some("clock_in" | "clock_out") => return call.done(),
        _ => return call.invalid(),
    };
    let is_owner = world
        .user(&record.account_id, &id)
        .is_some_and(|(u, _)| u.role_id == OWNER_ROLE);
    if is_owner {
        return call.refused(1117);
    }
    world.update_user_profile(&id, &json!({"status": status}));
    call.done()
}

/// `DELETE /users/{userId}` (`action`: `disassociate`, Zoom's default, or `delete`): an admin
/// cannot be disassociated (1117), and the account Owner cannot leave at all (the same refusal:
/// Zoom's reference lists no code of its own for it); the user's apps pass to the Owner.
fn remove_user(call: &Call, record: &TokenRecord, world: &mut World) -> Response {
    let Some(id) = resolve_user(world, record, call.param("userId")) else {
        return call.refused(1001);
    };
    let role = world
        .user(&record.account_id, &id)
        .map(|(u, _)| u.role_id.clone())
        .unwrap_or_default();
    let deleting = call.param("action") == "delete";
    if role == OWNER_ROLE || (!deleting && role == "1") {
        return call.refused(1117);
    }
    world.remove_user(&record.account_id, &id);
    call.done()
}

fn resolve_user(world: &World, record: &TokenRecord, user_id: &str) -> Option<String> {
    let id = if user_id == "me" {
        owner_of(world, record)?
    } else {
        user_id.to_string()
    };
    world
        .user(&record.account_id, &id)
        .map(|(user, _)| user.id.clone())
}

/// `POST /roles`: a custom role; 1224 for a name already used.
fn create_role(call: &Call, record: &TokenRecord, world: &mut World) -> Response {
    let name = call.body["name"]
        .as_str()
        .unwrap_or_default()
        .trim()
        .to_string();
    if name.is_empty() {
        return call.invalid();
    }
    let taken = world
        .account(&record.account_id)
        .is_some_and(|a| a.roles.iter().any(|r| r.name.eq_ignore_ascii_case(&name)));
    if taken {
        return call.refused_with(1224, &[("roleName", &name)]);
    }
    let role = Role {
        id: crate::collections::text_id(world.new_object_id()),
        name,
        description: call.body["description"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        privileges: crate::wire::strings(&call.body["privileges"]),
    };
    let answer = json!({"id": role.id, "name": role.name, "description": role.description,
        "total_members": 0, "privileges": role.privileges});
    if let Some(account) = world.account_mut(&record.account_id) {
        account.roles.push(role);
    }
    (
        call.op
            .success
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::CREATED),
        Json(answer),
    )
        .into_response()
}

/// `GET /roles/{roleId}/members`: the users holding it.
fn role_members(call: &Call, record: &TokenRecord, world: &World) -> Response {
    let Some(account) = world.account(&record.account_id) else {
        return call.refused(1034);
    };
    let role_id = call.param("roleId");
    if !account.roles.iter().any(|r| r.id == role_id) {
        return call.refused(1034);
    }
    let members: Vec<Value> = account
        .users
        .iter()
        .filter(|u| u.role_id == role_id)
        .map(|u| {
            json!({"id": u.id, "email": u.email, "first_name": u.first_name,
                "last_name": u.last_name, "type": 2, "department": ""})
        })
        .collect();
    let body = json!({"members": members, "total_records": members.len(), "page_size": 300,
        "page_count": 1, "page_number": 1, "next_page_token": ""});
    Json(crate::documented::synth::fitted(&call.op.schema, &body)).into_response()
}

/// The writes on one role: `PATCH` (name, description, privileges: members' apps lose the
/// admin scopes the new privileges no longer allow), `DELETE` (a custom role with no members),
/// and assigning or unassigning members (unassigned users return to the Member role).
fn change_role(call: &Call, record: &TokenRecord, world: &mut World) -> Response {
    let role_id = call.param("roleId").to_string();
    let exists = world
        .account(&record.account_id)
        .is_some_and(|a| a.roles.iter().any(|r| r.id == role_id));
    if !exists {
        return call.refused(1034);
    }
    match (call.op.method.as_str(), call.op.path.as_str()) {
        ("PATCH", _) => {
            if let Some(role) = world.role_mut(&record.account_id, &role_id) {
                if let Some(name) = call.body["name"].as_str() {
                    role.name = name.to_string();
                }
                if let Some(description) = call.body["description"].as_str() {
                    role.description = description.to_string();
                }
            }
            if call.body["privileges"].is_array() {
                let privileges = crate::wire::strings(&call.body["privileges"]);
                let _ = world.set_role_privileges(&role_id, privileges);
            }
            call.done()
        }
        ("DELETE", "/roles/{roleId}") => {
            let in_use = world
                .account(&record.account_id)
                .is_some_and(|a| a.users.iter().any(|u| u.role_id == role_id));
            if BUILT_IN_ROLES.contains(&role_id.as_str()) || in_use {
                return call.refused(1034);
            }
            if let Some(account) = world.account_mut(&record.account_id) {
                account.roles.retain(|r| r.id != role_id);
            }
            call.done()
        }
        ("POST", _) => {
            let mut added = Vec::new();
            for member in call.body["members"].as_array().into_iter().flatten() {
                let named = member["id"].as_str().or_else(|| member["email"].as_str());
                let found = named
                    .and_then(|n| world.user(&record.account_id, n).map(|(u, _)| u.id.clone()));
                if let Some(id) = found {
                    let _ = world.set_user_role(&id, &role_id);
                    added.push(id);
                }
            }
            let now = iso_in(world.now(), 0);
            (
                StatusCode::CREATED,
                Json(json!({"ids": added.join(","), "add_at": now})),
            )
                .into_response()
        }
        _ => {
            let member = call.param("memberId").to_string();
            let holds = world
                .user(&record.account_id, &member)
                .is_some_and(|(u, _)| u.role_id == role_id);
            if !holds {
                return call.refused(1034);
            }
            let _ = world.set_user_role(&member, MEMBER_ROLE);
            call.done()
        }
    }
}
