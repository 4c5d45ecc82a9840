// Profiles: every saved app with its last test, search, and the actions on one profile.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type IpcError, type Profile } from "../../ipc";
import type { Go } from "../../state/navigation";
import { useReloadable } from "../../state/useOutcome";
import { SANDBOX_SUBJECT } from "../../state/firstRun";
import { RecordTags } from "../../components/RecordTags";
import { When } from "../../components/When";
import { useEscape } from "../../state/useEscape";
import { ExportPanel } from "./ExportPanel";

export function ProfilesView({ go }: { go: Go }) {
  const [list, reload] = useReloadable(ipc.listProfiles);
  const [query, setQuery] = useState("");
  const [error, setError] = useState<IpcError | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  useEscape(confirming !== null, () => setConfirming(null));

  const act = async (outcome: Promise<{ ok: boolean; error?: IpcError }>) => {
    const result = await outcome;
    setError(result.ok ? null : (result.error ?? null));
    await reload();
  };

  if (list.ok === "loading") return <ViewHeader title="Profiles">Loading…</ViewHeader>;
  if (list.ok === false)
    return (
      <>
        <ViewHeader title="Profiles" />
        <ErrorNotice error={list.error} />
      </>
    );
  const { profiles, keychain, notice, keychain_problem } = list.value;
  const q = query.trim().toLowerCase();
  const shown = profiles.filter((p) => !q || [p.name, p.account_id, p.client_id, p.notes].some((f) => f.toLowerCase().includes(q)));

  return (
    <>
      <ViewHeader title="Profiles">Your Server-to-Server OAuth apps. Secrets are kept in {keychain}.</ViewHeader>
      {notice && (
        <div class="notice notice--warning" data-testid="store-notice">
          <p>{notice}</p>
          <button type="button" class="button" data-testid="set-aside-file" onClick={() => void act(ipc.setAsideProfilesFile())}>
            Set the file aside and start afresh
          </button>
        </div>
      )}
      {keychain_problem && <ErrorNotice error={keychain_problem} />}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {profiles.length === 0 ? (
        <section class="card empty" data-testid="profiles-empty">
          <h2>No profiles yet</h2>
          <p>Try every flow on the Sandbox, a simulated Zoom on this computer, or set up your own app.</p>
          <div class="actions">
            <button type="button" class="button button--primary" data-testid="try-sandbox" onClick={() => go("setup", SANDBOX_SUBJECT)}>
              Try the Sandbox
            </button>
            <button type="button" class="button" onClick={() => go("setup")}>
              Set up an app
            </button>
          </div>
        </section>
      ) : (
        <>
          <div class="toolbar">
            <input
              type="search"
              placeholder="Search name, IDs, notes"
              aria-label="Search profiles"
              data-testid="profile-search"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <button type="button" class="button button--primary" onClick={() => go("setup")}>
              New profile
            </button>
          </div>
          <ul class="profile-list" data-testid="profile-list">
            {shown.map((p) => (
              <li class="card profile" key={p.id} data-testid="profile-row" data-name={p.name}>
                <div class="profile__head">
                  <h2>{p.name}</h2>
                  <span class={`badge badge--${p.cloud}`}>
                    {p.cloud === "sandbox" ? "Sandbox · simulated" : p.cloud === "government" ? "Zoom for Government" : "Zoom"}
                  </span>
                </div>
                <p class="muted">
                  Account <code>{p.account_id}</code> · Client <code>{p.client_id}</code>
                </p>
                <LastTest profile={p} />
                <div class="actions">
                  <button type="button" class="button" data-testid="profile-test" onClick={() => go("token", p.id)}>
                    Test
                  </button>
                  <button type="button" class="button" onClick={() => go("setup", p.id)}>
                    Edit
                  </button>
                  <button type="button" class="button" onClick={() => void act(ipc.duplicateProfile(p.id))}>
                    Duplicate
                  </button>
                  <button type="button" class="button" onClick={() => setExporting(exporting === p.id ? null : p.id)}>
                    Export
                  </button>
                  {confirming === p.id ? (
                    <span class="confirm" data-testid="confirm-delete">
                      Delete “{p.name}” and its keychain entry?
                      <button
                        type="button"
                        class="button button--danger"
                        data-testid="confirm-delete-yes"
                        onClick={() => {
                          setConfirming(null);
                          void act(ipc.deleteProfile(p.id));
                        }}
                      >
                        Delete
                      </button>
                      <button type="button" class="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" class="button button--danger-outline" data-testid="profile-delete" onClick={() => setConfirming(p.id)}>
                      Delete
                    </button>
                  )}
                </div>
                {exporting === p.id && <ExportPanel profile={p} />}
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p class="muted">No profile matches “{query}”.</p>}
        </>
      )}
    </>
  );
}

function LastTest({ profile }: { profile: Profile }) {
  const last = profile.history[0];
  if (!last)
    return (
      <p class="muted" data-testid="last-test">
        Not tested yet
      </p>
    );
  return (
    <p class={last.ok ? "last-test last-test--ok" : "last-test last-test--failed"} data-testid="last-test">
      {last.ok ? "✔" : "✘"} {last.drift ? "Lost admin access" : last.summary} <RecordTags record={last} /> · <When unix={last.at_unix} />
      {last.latency_ms !== null && ` · ${last.latency_ms} ms`}
    </p>
  );
}
