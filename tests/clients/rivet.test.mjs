// Rivet (@zoom/rivet, Zoom's own Node.js SDK, unchanged) against the simulator. Its documented
// `baseUrl` points the API calls at the simulator; its token endpoint is fixed to zoom.us, so
// the token reaches it through its documented `tokenStore` option, filled with a Server-to-Server
// token the simulator issued (renewed, like any shared store, when it nears expiry). Over that:
// paging, lookups, updates read back, deletes and the documented errors, a missing scope, and a
// token reused for every call.
//
// scripts/clients.sh starts the simulator and sets the environment this reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MeetingsS2SAuthClient } from "@zoom/rivet/meetings";
import { UsersS2SAuthClient } from "@zoom/rivet/users";

const SIM = process.env.S2S_SIM_URL;
const ADMIN = process.env.S2S_SIM_ADMIN_TOKEN;
const ACCOUNT = process.env.S2S_SIM_ACCOUNT;
const OPS = ["SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002"];
const REPORTING = ["SbxReportingBot0000001", "sandboxSecretReportingBot0000001"];
const OWNER_EMAIL = "olivia.owner@sandbox.example";

async function control(method, path, body = {}) {
  const answer = await fetch(`${SIM}/_sim/${path}`, {
    method,
    headers: { "x-sim-admin-token": ADMIN, "content-type": "application/json" },
    body: method === "GET" ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return text ? JSON.parse(text) : null;
}

/** A TokenStore (Rivet's documented interface) holding tokens from the simulator. */
function simulatorTokens([clientId, clientSecret]) {
  let current = null;
  let fetched = 0;
  const fetchToken = async () => {
    const answer = await fetch(`${SIM}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "account_credentials", account_id: ACCOUNT }),
    });
    const raw = await answer.json();
    assert.equal(answer.status, 200, JSON.stringify(raw));
    return {
      accessToken: raw.access_token,
      expirationTimeIso: new Date(Date.now() + raw.expires_in * 1000).toISOString(),
      scopes: raw.scope.split(" "),
    };
  };
  return {
    fetched: () => fetched,
    async getLatestToken() {
      if (!current) {
        current = await fetchToken();
        fetched += 1;
      }
      return current;
    },
    storeToken(token) {
      current = token;
    },
  };
}

function clients(app = OPS) {
  const tokenStore = simulatorTokens(app);
  const options = { clientId: app[0], clientSecret: app[1], accountId: ACCOUNT, tokenStore, baseUrl: `${SIM}/v2`, disableReceiver: true };
  return { meetings: new MeetingsS2SAuthClient(options).endpoints, users: new UsersS2SAuthClient(options).endpoints, tokenStore };
}

test.beforeEach(() => control("POST", `accounts/${ACCOUNT}/reset`));

test("users come page by page until the last, and add up to the total", async () => {
  const { users } = clients();
  const seen = [];
  let token = "";
  let page;
  do {
    page = (await users.users.listUsers({ query: { page_size: 2, next_page_token: token } })).data;
    seen.push(...page.users.map((u) => u.id));
    token = page.next_page_token;
  } while (token);
  assert.equal(seen.length, page.total_records);
  assert.equal(new Set(seen).size, seen.length);
});

test("a user is found by email, with the role the account gives them", async () => {
  const { users } = clients();
  const { data } = await users.users.getUser({ path: { userId: OWNER_EMAIL } });
  assert.equal(data.email, OWNER_EMAIL);
  assert.equal(data.role_id, "0");
});

test("a meeting update is read back with its other settings kept, and its host's email", async () => {
  const { meetings } = clients();
  const created = await meetings.meetings.createMeeting({
    path: { userId: "me" },
    body: { topic: "Rivet sync", settings: { waiting_room: true, join_before_host: false } },
  });
  assert.equal(created.statusCode, 201);
  assert.equal(created.data.host_email, OWNER_EMAIL);
  const id = created.data.id;
  const updated = await meetings.meetings.updateMeeting({ path: { meetingId: id }, body: { settings: { join_before_host: true } } });
  assert.equal(updated.statusCode, 204);
  const { data } = await meetings.meetings.getMeeting({ path: { meetingId: id } });
  assert.equal(data.settings.join_before_host, true);
  assert.equal(data.settings.waiting_room, true);
  const upcoming = (await meetings.meetings.listUpcomingMeetings({ path: { userId: "me" } })).data;
  assert.ok(upcoming.meetings.some((m) => m.id === id), "an upcoming meeting is listed as one");
});

test("a deleted meeting is Zoom's 3001, raised as Rivet's ApiResponseError", async () => {
  const { meetings } = clients();
  const { data } = await meetings.meetings.createMeeting({ path: { userId: "me" }, body: { topic: "Short-lived" } });
  await meetings.meetings.deleteMeeting({ path: { meetingId: data.id } });
  await assert.rejects(meetings.meetings.getMeeting({ path: { meetingId: data.id } }), {
    message: `[404/3001]: "Meeting does not exist: ${data.id}."`,
  });
});

test("a webinar takes registrants that are listed back", async () => {
  const { meetings } = clients();
  const webinar = (await meetings.webinars.createWebinar({ path: { userId: "me" }, body: { topic: "Launch", type: 5 } })).data;
  const added = await meetings.webinars.addWebinarRegistrant({
    path: { webinarId: webinar.id },
    body: { email: "guest@example.com", first_name: "Gus" },
  });
  assert.equal(added.statusCode, 201);
  const { data } = await meetings.webinars.listWebinarRegistrants({ path: { webinarId: webinar.id } });
  assert.deepEqual(
    data.registrants.map((r) => r.email),
    ["guest@example.com"],
  );
});

test("a past meeting lists its host as its participant", async () => {
  const { meetings } = clients();
  const { data } = await meetings.meetings.createMeeting({
    path: { userId: "me" },
    body: { topic: "Retro", start_time: "2026-01-05T10:00:00Z", duration: 45 },
  });
  const people = (await meetings.meetings.getPastMeetingParticipants({ path: { meetingId: data.id } })).data;
  assert.equal(people.participants[0].user_email, OWNER_EMAIL);
  assert.equal(people.participants[0].duration, 45 * 60);
});

test("a call the app has no scope for is Zoom's 4711, naming the scopes that would do", async () => {
  const { meetings } = clients(REPORTING);
  await assert.rejects(meetings.meetings.createMeeting({ path: { userId: "me" }, body: { topic: "No" } }), (error) => {
    assert.match(error.message, /^\[400\/4711\]: "Invalid access token, does not contain scopes:\[meeting:write:meeting/);
    return true;
  });
});

test("one token serves every call", async () => {
  const { users, tokenStore } = clients();
  const before = (await control("GET", "stats")).token_requests[OPS[0]] ?? 0;
  for (let i = 0; i < 5; i += 1) await users.users.getUser({ path: { userId: "me" } });
  const after = (await control("GET", "stats")).token_requests[OPS[0]] ?? 0;
  assert.equal(tokenStore.fetched(), 1);
  assert.equal(after - before, 1);
});
