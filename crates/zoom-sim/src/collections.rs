//! The objects integrations create and read back, kept as Zoom keeps them: webinars, meeting and
//! webinar registrants, groups, and the settings attached to a user, an account, a meeting's
//! live stream. One table says, per kind, which documented operations list and create it
//! (`many`), which read, change and delete one (`one`), what it belongs to, and the code Zoom
//! documents for one that does not exist; one engine answers them all:
//! create → read → update (nested objects merged, as Zoom does) → list (paged) → delete →
//! the documented error. Every answer is the stored object shaped to the operation's
//! documented schema (`documented::synth::fitted`), so ids, emails and times agree across calls.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::api::{fault_answer, guarded, is_own, needs_of, owner_of, Paging};
use crate::documented::answer::documented_error;
use crate::documented::{synth, Operation};
use crate::merge::{merge, writable};
use crate::state::Sim;
use crate::wire::iso_in;
use crate::world::{Stored, TokenRecord, World};

/// What a kind of object belongs to, named by a path parameter of its operations.
#[derive(Clone, Copy)]
enum Parent {
    /// The caller's account (`/groups`).
    Account,
    /// A user (`{userId}`: an id, an email or `me`).
    User,
    /// A meeting the simulator keeps (`{meetingId}`).
    Meeting,
    /// An object of another collection (`{webinarId}` in `webinars`).
    Stored(&'static str),
}

/// A kind of object and its documented operations.
struct Collection {
    /// Its name in the store.
    name: &'static str,
    /// The template that lists (`GET`) and creates (`POST`) them.
    many: &'static str,
    /// The list answer's array field.
    listed_as: &'static str,
    /// The template that reads, changes and deletes one.
    one: &'static str,
    /// The path parameter naming one.
    id_param: &'static str,
    /// What they belong to, and the path parameter naming it.
    parent: (Parent, &'static str),
    /// Numeric ids (webinars) or Zoom's 22-character text ids (registrants, groups).
    numeric_ids: bool,
    /// The code Zoom documents for one that does not exist.
    missing: i64,
    /// The fields Zoom assigns at creation, from the new id, the parent and the time.
    assigned: fn(&Created) -> Value,
}

/// What a creation knows besides the request body.
struct Created {
    id: Value,
    parent_id: String,
    /// The parent user's email, where the parent is a user.
    parent_email: Option<String>,
    now: String,
}

/// Settings attached to something (a user, the account, a meeting's live stream): read, and
/// changed by `PATCH` with nested objects merged; Zoom's documented defaults until changed.
struct Attached {
    name: &'static str,
    template: &'static str,
    parent: (Parent, &'static str),
}

const COLLECTIONS: &[Collection] = &[
    Collection {
        name: "webinars",
        many: "/users/{userId}/webinars",
        listed_as: "webinars",
        one: "/webinars/{webinarId}",
        id_param: "webinarId",
        parent: (Parent::User, "userId"),
        numeric_ids: true,
        missing: 3001,
        assigned: |c| {
            json!({"id": c.id, "uuid": format!("sim{}==", c.id), "host_id": c.parent_id,
                "host_email": c.parent_email, "created_at": c.now,
                "join_url": format!("https://zoom.us/j/{}", c.id),
                "start_url": format!("https://zoom.us/s/{}?zak=sim", c.id)})
        },
    },
    Collection {
        name: "meeting_registrants",
        many: "/meetings/{meetingId}/registrants",
        listed_as: "registrants",
        one: "/meetings/{meetingId}/registrants/{registrantId}",
        id_param: "registrantId",
        parent: (Parent::Meeting, "meetingId"),
        numeric_ids: false,
        missing: 3001,
        assigned: registrant,
    },
    Collection {
        name: "webinar_registrants",
        many: "/webinars/{webinarId}/registrants",
        listed_as: "registrants",
        one: "/webinars/{webinarId}/registrants/{registrantId}",
        id_param: "registrantId",
        parent: (Parent::Stored("webinars"), "webinarId"),
        numeric_ids: false,
        missing: 3001,
        assigned: registrant,
    },
    Collection {
        name: "groups",
        many: "/groups",
        listed_as: "groups",
        one: "/groups/{groupId}",
        id_param: "groupId",
        parent: (Parent::Account, ""),
        numeric_ids: false,
        missing: 4130,
        assigned: |c| json!({"id": c.id, "total_members": 0}),
    },
];

const ATTACHED: &[Attached] = &[
    Attached {
        name: "user_settings",
        template: "/users/{userId}/settings",
        parent: (Parent::User, "userId"),
    },
    Attached {
        name: "account_settings",
        template: "/accounts/{accountId}/settings",
        parent: (Parent::Account, "accountId"),
    },
    Attached {
        name: "meeting_livestreams",
        template: "/meetings/{meetingId}/livestream",
        parent: (Parent::Meeting, "meetingId"),
    },
];

/// A registrant, as Zoom records one: approved, with their own join link.
fn registrant(c: &Created) -> Value {
    json!({"id": c.id, "registrant_id": c.id, "status": "approved", "create_time": c.now,
        "join_url": format!("https://zoom.us/w/{}?tk=sim{}", c.parent_id, c.id)})
}

/// The operations of every stored kind, by `(method, template)`: for the contract report.
pub fn stateful_operations() -> Vec<(&'static str, &'static str)> {
    let mut all = Vec::new();
    for c in COLLECTIONS {
        all.extend([("GET", c.many), ("POST", c.many)]);
        all.extend([
            ("GET", c.one),
            ("PATCH", c.one),
            ("PUT", c.one),
            ("DELETE", c.one),
        ]);
    }
    for a in ATTACHED {
        all.extend([("GET", a.template), ("PATCH", a.template)]);
    }
    all
}

/// The answer to `op` if it is an operation over stored objects; `None` for any other.
pub(crate) async fn answer(
    sim: &Sim,
    op: &Operation,
    params: &[(String, String)],
    headers: &HeaderMap,
    body: Option<Value>,
    paging: Paging,
) -> Option<Response> {
    let method = op.method.as_str();
    let collection = COLLECTIONS.iter().find(|c| {
        (op.path == c.many && matches!(method, "GET" | "POST"))
            || (op.path == c.one && matches!(method, "GET" | "PATCH" | "PUT" | "DELETE"))
    });
    let attached = ATTACHED
        .iter()
        .find(|a| op.path == a.template && matches!(method, "GET" | "PATCH"));
    if collection.is_none() && attached.is_none() {
        return None;
    }
    if let Some(r) = fault_answer(sim, headers).await {
        return Some(r);
    }
    let parent = collection.map_or_else(|| attached.map(|a| a.parent), |c| Some(c.parent));
    let request = Request {
        op,
        params,
        body: body.unwrap_or_else(|| json!({})),
        paging,
    };
    let own = parent.is_some_and(|(kind, name)| {
        matches!(kind, Parent::User) && is_own(sim, headers, request.param(name))
    });
    Some(guarded(
        sim,
        headers,
        needs_of(op),
        own,
        |record, world| match (collection, attached) {
            (Some(c), _) => request.on_collection(c, record, world),
            (None, Some(a)) => request.on_attached(a, record, world),
            (None, None) => crate::wire::not_recognized(),
        },
    ))
}

/// One call, as the engine needs it.
struct Request<'a> {
    op: &'a Operation,
    params: &'a [(String, String)],
    body: Value,
    paging: Paging,
}

/// A parent found: its id, and its email when it is a user.
type Found = (String, Option<String>);

impl Request<'_> {
    /// The path parameter `name` ("" when the path has none).
    fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn on_collection(&self, c: &Collection, record: &TokenRecord, world: &mut World) -> Response {
        // `one` names the object alone (`/webinars/{webinarId}`) or with its parent
        // (`/meetings/{meetingId}/registrants/{registrantId}`): only a named parent is checked.
        let named = self.op.path.contains(&format!("{{{}}}", c.parent.1))
            || matches!(c.parent.0, Parent::Account);
        let (parent, email) = if named {
            match self.parent(c.parent, record, world) {
                Ok(found) => found,
                Err(refusal) => return refusal,
            }
        } else {
            (String::new(), None)
        };
        if self.op.path == c.many {
            return if self.op.method == "POST" {
                self.create(c, world, parent, email)
            } else {
                self.list(c, world, &parent)
            };
        }
        let id = self.param(c.id_param).to_string();
        let exists = world
            .stored(c.name)
            .and_then(|all| all.get(&id))
            .is_some_and(|s| !named || s.parent == parent);
        if !exists {
            return self.documented_error(c.missing);
        }
        match self.op.method.as_str() {
            "GET" => self.shaped(&world.stored(c.name).map(|all| all[&id].object.clone())),
            "DELETE" => {
                world.stored_mut(c.name).remove(&id);
                self.done()
            }
            _ => {
                if let Some(stored) = world.stored_mut(c.name).get_mut(&id) {
                    merge(&mut stored.object, &writable(&self.body));
                }
                self.done()
            }
        }
    }

    fn on_attached(&self, a: &Attached, record: &TokenRecord, world: &mut World) -> Response {
        let (parent, _) = match self.parent(a.parent, record, world) {
            Ok(found) => found,
            Err(refusal) => return refusal,
        };
        let current = world
            .stored(a.name)
            .and_then(|all| all.get(&parent))
            .map(|s| s.object.clone());
        if self.op.method == "GET" {
            return self.shaped(&current);
        }
        // The first change starts from the documented defaults (the answer `GET` gave).
        let mut settings = current.unwrap_or_else(|| {
            crate::documented::operation("GET", a.template)
                .map_or_else(|| json!({}), |get| synth::value(&get.schema))
        });
        merge(&mut settings, &self.body);
        world.stored_mut(a.name).insert(
            parent.clone(),
            Stored {
                parent,
                object: settings,
            },
        );
        self.done()
    }

    fn create(
        &self,
        c: &Collection,
        world: &mut World,
        parent: String,
        email: Option<String>,
    ) -> Response {
        let number = world.new_object_id();
        let id = if c.numeric_ids {
            Value::from(number)
        } else {
            Value::String(text_id(number))
        };
        let key = match &id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let created = Created {
            id,
            parent_id: parent.clone(),
            parent_email: email,
            now: iso_in(world.now(), 0),
        };
        let mut object = writable(&self.body);
        merge(&mut object, &(c.assigned)(&created));
        world.stored_mut(c.name).insert(
            key,
            Stored {
                parent,
                object: object.clone(),
            },
        );
        self.shaped(&Some(object))
    }

    fn list(&self, c: &Collection, world: &World, parent: &str) -> Response {
        let all: Vec<Value> = world
            .stored(c.name)
            .into_iter()
            .flat_map(|all| all.values())
            .filter(|s| s.parent == parent)
            .map(|s| s.object.clone())
            .collect();
        let (page, next) = self.paging.page(&all);
        let mut listed = Map::new();
        listed.insert(c.listed_as.into(), Value::from(page.to_vec()));
        listed.insert("page_size".into(), Value::from(self.paging.size()));
        listed.insert("total_records".into(), Value::from(all.len()));
        listed.insert("next_page_token".into(), Value::from(next));
        listed.insert(
            "page_count".into(),
            Value::from(all.len().div_ceil(self.paging.size())),
        );
        listed.insert("page_number".into(), Value::from(1));
        self.shaped(&Some(Value::Object(listed)))
    }

    /// The parent `(kind, param)` names, or Zoom's documented error for one that is not there.
    fn parent(
        &self,
        (kind, name): (Parent, &str),
        record: &TokenRecord,
        world: &World,
    ) -> Result<Found, Response> {
        let value = self.param(name);
        match kind {
            Parent::Account => Ok((record.account_id.clone(), None)),
            Parent::User => {
                let id = if value == "me" {
                    owner_of(world, record).unwrap_or_default()
                } else {
                    value.to_string()
                };
                world
                    .user(&record.account_id, &id)
                    .map(|(user, _)| (user.id.clone(), Some(user.email.clone())))
                    .ok_or_else(|| self.documented_error(1001))
            }
            Parent::Meeting => value
                .parse::<u64>()
                .ok()
                .filter(|id| world.meetings.contains_key(id))
                .map(|id| (id.to_string(), None))
                .ok_or_else(|| self.documented_error(3001)),
            Parent::Stored(collection) => world
                .stored(collection)
                .and_then(|all| all.get(value))
                .map(|_| (value.to_string(), None))
                .ok_or_else(|| {
                    let missing = COLLECTIONS
                        .iter()
                        .find(|c| c.name == collection)
                        .map_or(3001, |c| c.missing);
                    self.documented_error(missing)
                }),
        }
    }

    fn documented_error(&self, code: i64) -> Response {
        documented_error(self.op, self.params, code)
    }

    /// The documented success, with `object` shaped to the documented schema.
    fn shaped(&self, object: &Option<Value>) -> Response {
        if self.op.schema.is_null() {
            return self.done();
        }
        let body = match object {
            Some(object) => synth::fitted(&self.op.schema, object),
            None => synth::value(&self.op.schema),
        };
        (self.status(), Json(body)).into_response()
    }

    /// The documented success, with the documented body if it has one.
    fn done(&self) -> Response {
        crate::documented::answer::success(self.op)
    }

    fn status(&self) -> StatusCode {
        self.op
            .success
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::OK)
    }
}

/// A 22-character id like Zoom's text ids, from a number.
pub(crate) fn text_id(number: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut n = number.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..22)
        .map(|i| {
            if i % 10 == 0 {
                n = n.rotate_left(17) ^ number;
            }
            let c = ALPHABET[(n % 64) as usize] as char;
            n /= 64;
            c
        })
        .collect()
}
