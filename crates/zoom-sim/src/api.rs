//! The REST endpoints S2S Desk calls, under `/v2`, with Zoom's token and scope checks:
//! `124` for an invalid or expired token (HTTP 401), `4711` listing the scopes the call needs
//! (HTTP 400), and rate-limit headers plus 429 once the account's daily budget is spent.
//! Required scopes per endpoint are those in data/zoom-scopes/operations.json.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use zoom_catalog::{Level, Scope, ScopeModel};

use crate::fixture::{Role, User};
use crate::state::Sim;
use crate::wire::{self, api_error};
use crate::world::{Endpoint, TokenCheck, TokenRecord};

/// An endpoint's accepted scopes come from the scope catalog, by Zoom's operationId: any one of
/// them authorizes the call. An operationId missing from the catalog accepts no scope, so a
/// catalog regression shows up as 4711 in the simulator's tests rather than silently passing;
/// one the catalog lists with no scope at all (Zoom documents none) takes any valid token.
pub(crate) struct Needs {
    /// Listed, with no scope documented.
    no_scope_documented: bool,
    classic: &'static [String],
    granular: &'static [String],
    /// The operation's Rate Limit Label: the plan budget each call spends.
    label: Option<zoom_catalog::limits::Label>,
}

pub(crate) fn needs(operation_id: &str) -> Needs {
    let catalog = zoom_catalog::catalog();
    needs_in(
        catalog
            .operation_by_id(operation_id)
            .and_then(|i| catalog.operation(i)),
    )
}

/// [`needs`] for a documented operation, found by its method and path: Zoom reuses operationIds
/// across products (`users` is Users' and Contact Center's), a method and path name one.
pub(crate) fn needs_of(op: &crate::documented::Operation) -> Needs {
    let catalog = zoom_catalog::catalog();
    needs_in(
        catalog
            .operation_at(&op.method, &op.path)
            .and_then(|i| catalog.operation(i)),
    )
}

fn needs_in(op: Option<&'static zoom_catalog::catalog::Operation>) -> Needs {
    Needs {
        no_scope_documented: op
            .is_some_and(|o| o.classic_scopes.is_empty() && o.granular_scopes.is_empty()),
        classic: op.map(|o| o.classic_scopes.as_slice()).unwrap_or_default(),
        granular: op.map(|o| o.granular_scopes.as_slice()).unwrap_or_default(),
        label: op
            .and_then(|o| o.rate_limit.as_deref())
            .and_then(zoom_catalog::limits::Label::of),
    }
}

fn is_admin_level(scope: &str) -> bool {
    Scope::parse(scope).level != Level::User
}

/// Authenticates, checks scopes and budget, then runs `handler` on the caller's record.
pub(crate) fn guarded(
    sim: &Sim,
    headers: &HeaderMap,
    needs: Needs,
    owner_only: bool,
    handler: impl FnOnce(&TokenRecord, &mut crate::world::World) -> Response,
) -> Response {
    let mut world = sim.world();
    world.stats_mut().api_requests += 1;
    let bearer = wire::bearer(headers).unwrap_or_default();
    let record = match world.check_token(bearer) {
        Ok(r) => r.clone(),
        Err(TokenCheck::Invalid) => {
            return api_error(StatusCode::UNAUTHORIZED, 124, "Invalid access token.")
        }
        Err(TokenCheck::Expired) => {
            return api_error(StatusCode::UNAUTHORIZED, 124, "Access token is expired.")
        }
    };
    // User-level scopes reach only the owner's own data; another user needs an admin-level scope.
    let accepted: Vec<&str> = needs
        .classic
        .iter()
        .chain(needs.granular)
        .map(String::as_str)
        .filter(|s| owner_only || is_admin_level(s))
        .collect();
    if !needs.no_scope_documented && !record.scopes.iter().any(|s| accepted.contains(&s.as_str())) {
        // Zoom names the scopes of the model the app uses: granular apps see granular names.
        let granular_app = record
            .scopes
            .iter()
            .any(|s| Scope::parse(s).model == ScopeModel::Granular);
        let model = if granular_app {
            needs.granular
        } else {
            needs.classic
        };
        let listed: Vec<&str> = model
            .iter()
            .map(String::as_str)
            .filter(|s| accepted.contains(s))
            .collect();
        let message = format!(
            "Invalid access token, does not contain scopes:[{}].",
            listed.join(", ")
        );
        return api_error(StatusCode::BAD_REQUEST, 4711, &message);
    }
    let spend = match needs.label {
        Some(label) => match world.spend_label_budget(&record.account_id, label) {
            Ok(spend) => Some(spend),
            Err(spent) => return label_limited(&spent, world.now()),
        },
        None => None,
    };
    let mut response = handler(&record, &mut world);
    // A handler's own 429 (the per-host meeting limit) carries its own headers.
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        return response;
    }
    if let Some(s) = spend {
        wire::rate_limit_headers(
            &mut response,
            s.category,
            s.limit_type,
            s.limit,
            s.remaining,
        );
    }
    response
}

/// Zoom's 429 for a spent plan budget, with its headers (and `Retry-After` for a daily one).
fn label_limited(spent: &crate::world::LabelSpend, now: std::time::SystemTime) -> Response {
    let message = if spent.limit_type == "QPS" {
        wire::PER_SECOND_LIMIT
    } else {
        wire::DAILY_LIMIT
    };
    wire::too_many_requests(
        message,
        &wire::Limit {
            category: spent.category,
            kind: spent.limit_type,
            limit: spent.limit,
            retry_after: spent.retry_after_secs.map(|secs| wire::iso_in(now, secs)),
        },
    )
}

/// The answer an injected fault forces for this caller, if any.
pub(crate) async fn fault_answer(sim: &Sim, headers: &HeaderMap) -> Option<Response> {
    let client_id = caller_client_id(sim, headers);
    let fault = sim.world().take_fault(Endpoint::Api, client_id.as_deref());
    match fault {
        Some(f) => crate::faults::apply(f).await,
        None => None,
    }
}

fn caller_client_id(sim: &Sim, headers: &HeaderMap) -> Option<String> {
    let bearer = wire::bearer(headers)?;
    sim.world()
        .check_token(bearer)
        .ok()
        .map(|r| r.client_id.clone())
}

/// `page_size` (1–300, default 30), `next_page_token` and `status`, as Zoom's list calls take.
/// A page size out of range is brought into it (the reference gives no minimum, so a client
/// may send any integer), and one that is no number is the default.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct Paging {
    page_size: Option<String>,
    next_page_token: Option<String>,
    status: Option<String>,
}

impl Paging {
    pub(crate) fn size(&self) -> usize {
        let asked = self
            .page_size
            .as_deref()
            .and_then(|s| s.trim().parse::<i64>().ok());
        usize::try_from(asked.unwrap_or(30).clamp(1, 300)).unwrap_or(30)
    }

    /// This page of `all`, and the token of the next one ("" on the last page).
    pub(crate) fn page<'a>(&self, all: &'a [Value]) -> (&'a [Value], String) {
        let start = self
            .next_page_token
            .as_deref()
            .and_then(|t| t.strip_prefix("simpage"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
            .min(all.len());
        let end = (start + self.size()).min(all.len());
        let next = if end < all.len() {
            format!("simpage{end}")
        } else {
            String::new()
        };
        (&all[start..end], next)
    }
}

/// A user as `GET /users/{userId}` answers (developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId}),
/// with the profile fields set through `PATCH /users/{userId}` over the defaults.
fn user_json(world: &crate::world::World, user: &User, role: &Role, account_id: &str) -> Value {
    // Stable, plausible values for the fields the fixture doesn't hold.
    let seed: u64 = user
        .id
        .bytes()
        .fold(7, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let mut json = json!({
        "id": user.id, "first_name": user.first_name, "last_name": user.last_name,
        "display_name": format!("{} {}", user.first_name, user.last_name), "email": user.email,
        "type": 2, "role_name": role.name, "role_id": role.id, "account_id": account_id,
        "status": "active", "verified": 1, "pmi": 5_000_000_000 + seed % 999_999_999,
        "use_pmi": false, "timezone": "America/Los_Angeles", "language": "en-US",
        "dept": "", "created_at": "2024-01-15T17:00:00Z", "user_created_at": "2024-01-15T17:00:00Z",
        "last_login_time": "2026-11-01T09:30:00Z", "last_client_version": "6.2.0",
        "personal_meeting_url": format!("https://zoom.us/j/{}", 5_000_000_000 + seed % 999_999_999),
        "phone_number": "", "status_last_updated": "2026-11-01T09:30:00Z",
        "account_number": 1_234_567, "cluster": "us06", "login_types": [100],
    });
    if let Some(profile) = world.user_profile(&user.id) {
        let mut changes = profile.clone();
        if let Some(fields) = changes.as_object_mut() {
            for assigned in ["id", "email", "role_id", "role_name", "account_id"] {
                fields.remove(assigned);
            }
        }
        crate::merge::merge(&mut json, &changes);
    }
    json
}

pub(crate) fn owner_of(world: &crate::world::World, record: &TokenRecord) -> Option<String> {
    world
        .app(&record.client_id)
        .map(|(_, app)| app.owner_id.clone())
}

/// `/users/{userId}…`: faults, the scope check (own-user scopes suffice for "me" or the
/// caller's owner), "me" resolved to the app's owner, and Zoom's 1001 for an unknown user.
async fn user_route(
    sim: &Sim,
    headers: &HeaderMap,
    user_id: &str,
    needs: Needs,
    answer: impl FnOnce(&crate::world::World, &User, &Role, &str) -> Response,
) -> Response {
    if let Some(r) = fault_answer(sim, headers).await {
        return r;
    }
    let own = is_own(sim, headers, user_id);
    guarded(sim, headers, needs, own, |record, world| {
        let id = if user_id == "me" {
            owner_of(world, record).unwrap_or_default()
        } else {
            user_id.to_string()
        };
        match world.user(&record.account_id, &id) {
            Some((user, role)) => answer(world, user, role, &record.account_id),
            None => api_error(
                StatusCode::NOT_FOUND,
                1001,
                &format!("User does not exist: {id}."),
            ),
        }
    })
}

pub async fn get_user(sim: &Sim, user_id: &str, headers: &HeaderMap) -> Response {
    user_route(
        sim,
        headers,
        user_id,
        needs("user"),
        |world, user, role, account_id| {
            Json(user_json(world, user, role, account_id)).into_response()
        },
    )
    .await
}

pub async fn user_permissions(sim: &Sim, user_id: &str, headers: &HeaderMap) -> Response {
    user_route(
        sim,
        headers,
        user_id,
        needs("userPermission"),
        |_, _, role, _| Json(json!({"permissions": role.privileges})).into_response(),
    )
    .await
}

/// Account-wide routes: faults, the scope check, and the caller's account.
async fn account_route(
    sim: &Sim,
    headers: &HeaderMap,
    needs: Needs,
    answer: impl FnOnce(&crate::fixture::Account, &crate::world::World) -> Response,
) -> Response {
    if let Some(r) = fault_answer(sim, headers).await {
        return r;
    }
    guarded(sim, headers, needs, false, |record, world| {
        match world.account(&record.account_id) {
            Some(account) => answer(account, world),
            None => api_error(StatusCode::NOT_FOUND, 200, "No account"),
        }
    })
}

/// `GET /users`: the account's users, paged; `status` filters (every fixture user is active).
pub async fn list_users(sim: &Sim, paging: Paging, headers: &HeaderMap) -> Response {
    account_route(sim, headers, needs("users"), |account, world| {
        let wanted = paging.status.as_deref().unwrap_or("active");
        let users: Vec<Value> = account
            .users
            .iter()
            .filter_map(|u| {
                world
                    .user(&account.id, &u.id)
                    .map(|(u, r)| user_json(world, u, r, &account.id))
            })
            .filter(|u| u["status"] == wanted)
            .collect();
        let (page, next) = paging.page(&users);
        let size = paging.size();
        Json(json!({
            "page_count": users.len().div_ceil(size).max(1), "page_number": 1, "page_size": size,
            "total_records": users.len(), "next_page_token": next, "users": page,
        }))
        .into_response()
    })
    .await
}

/// Any path outside `/v2` and the simulator's own: Zoom's JSON error, never an empty 404.
pub async fn not_found() -> Response {
    crate::wire::not_recognized()
}

/// Every answer carries an `x-zm-trackingid`, as Zoom's do (support asks for it).
pub async fn tracking_id(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut response = next.run(request).await;
    let rid = crate::random::u64();
    if let Ok(v) = HeaderValue::from_str(&format!("v=2.0;clid=us06;rid=SIM_{rid:016x}")) {
        response.headers_mut().insert("x-zm-trackingid", v);
    }
    response
}

pub async fn list_roles(sim: &Sim, headers: &HeaderMap) -> Response {
    account_route(sim, headers, needs("roles"), |account, _| {
        let roles: Vec<Value> = account
            .roles
            .iter()
            .map(|r| json!({"id": r.id, "name": r.name, "description": r.description, "total_members": members(account, &r.id)}))
            .collect();
        Json(json!({"total_records": roles.len(), "roles": roles})).into_response()
    })
    .await
}

pub async fn get_role(sim: &Sim, role_id: &str, headers: &HeaderMap) -> Response {
    account_route(
        sim,
        headers,
        needs("getRoleInformation"),
        |account, _| match account.roles.iter().find(|r| r.id == role_id) {
            Some(r) => Json(
                json!({"id": r.id, "name": r.name, "description": r.description,
                "total_members": members(account, &r.id), "privileges": r.privileges}),
            )
            .into_response(),
            // getRoleInformation documents no error of its own; every other role operation
            // answers an unknown role with 1034 (data/zoom-openapi, accounts.json).
            None => api_error(
                StatusCode::BAD_REQUEST,
                1034,
                "Provided role_id does not exist.",
            ),
        },
    )
    .await
}

fn members(account: &crate::fixture::Account, role_id: &str) -> usize {
    account
        .users
        .iter()
        .filter(|u| u.role_id == role_id)
        .count()
}

/// Whether `user_id` is the calling app's owner (or "me"): own-user scopes suffice then.
pub(crate) fn is_own(sim: &Sim, headers: &HeaderMap, user_id: &str) -> bool {
    user_id == "me" || caller_owner(sim, headers).as_deref() == Some(user_id)
}

fn caller_owner(sim: &Sim, headers: &HeaderMap) -> Option<String> {
    let bearer = wire::bearer(headers)?;
    let world = sim.world();
    let record = world.check_token(bearer).ok()?;
    owner_of(&world, record)
}
