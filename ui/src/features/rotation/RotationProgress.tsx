// A rotation under way: how far it got, and what the admin can do next — resume an interrupted
// one, move the old secret's revoke time, finish once the deployment uses the new secret, or
// cancel one when the core says that loses no working secret (else why it cannot be cancelled).
import { useState } from "preact/hooks";
import { When } from "../../components/When";
import type { Rotation, RotationRequest } from "../../ipc";
import { exactTime } from "../../lib/time";
import { reached, STAGES } from "../../lib/rotation";

type Props = {
  rotation: Rotation;
  previousKept: boolean;
  cancelRefused: string | null;
  busy: boolean;
  act: (request: RotationRequest) => Promise<boolean>;
};

export function RotationProgress({ rotation, previousKept, cancelRefused, busy, act }: Props) {
  const switched = rotation.stage === "switched";
  const appId = rotation.via.path === "api" ? rotation.via.app_id : null;
  const viaApi = appId !== null;
  return (
    <div class="rotation-progress" data-testid="rotation-progress" data-stage={rotation.stage}>
      <ol class="rotation-stages" aria-label="Rotation stages">
        {STAGES.map(({ stage, label }) => (
          <li key={stage} data-done={reached(rotation.stage, stage)}>
            {reached(rotation.stage, stage) ? "✔" : "○"} {label}
          </li>
        ))}
      </ol>
      <dl class="facts">
        <dt>Path</dt>
        <dd>{viaApi ? `Zoom's rotation API (App ID ${appId})` : "A secret you pasted from the Marketplace"}</dd>
        <dt>Started</dt>
        <dd>
          <When unix={rotation.started_unix} />
        </dd>
        {rotation.tested_unix !== null && (
          <>
            <dt>New secret tested</dt>
            <dd>
              <When unix={rotation.tested_unix} />
            </dd>
          </>
        )}
        <dt>Old secret kept</dt>
        <dd data-testid="rotation-keep-until">
          {!previousKept && switched
            ? "no longer"
            : rotation.keep_previous_until_unix !== null
              ? `until ${exactTime(rotation.keep_previous_until_unix)}${viaApi ? " (Zoom revokes it then)" : ""}`
              : "until you finish the rotation"}
        </dd>
      </dl>
      {!switched && (
        <div class="actions">
          <button type="button" class="button button--primary" data-testid="rotation-resume" disabled={busy} onClick={() => void act({ action: "resume" })}>
            Resume
          </button>
          {cancelRefused === null && (
            <button type="button" class="button" data-testid="rotation-cancel" disabled={busy} onClick={() => void act({ action: "cancel" })}>
              Cancel rotation
            </button>
          )}
        </div>
      )}
      {!switched && cancelRefused !== null && (
        <p class="hint" data-testid="rotation-cancel-refused">
          It can't be cancelled: {cancelRefused}.
        </p>
      )}
      {switched && (
        <>
          <p>
            Switch every deployment to the new secret (<code>s2s exec --profile NAME -- COMMAND</code> hands it over without a file), then finish: the old
            secret leaves the keychain{viaApi ? " and Zoom revokes it at once" : ""}.
          </p>
          <div class="actions">
            <button type="button" class="button button--primary" data-testid="rotation-finish" disabled={busy} onClick={() => void act({ action: "finish" })}>
              {busy ? "Finishing…" : "My deployment uses the new secret — finish"}
            </button>
          </div>
          {previousKept && <MoveRevokeTime viaApi={viaApi} busy={busy} act={act} />}
        </>
      )}
    </div>
  );
}

function MoveRevokeTime({ viaApi, busy, act }: { viaApi: boolean; busy: boolean; act: Props["act"] }) {
  const [when, setWhen] = useState("");
  const unix = when === "" ? NaN : Math.floor(new Date(when).getTime() / 1000);
  return (
    <div class="inline-field">
      <label for="rotation-revoke-at">{viaApi ? "Move Zoom's revoke time to" : "Forget the old secret by itself at"}</label>
      <input id="rotation-revoke-at" data-testid="rotation-revoke-at" type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
      <button
        type="button"
        class="button"
        data-testid="rotation-move"
        disabled={busy || Number.isNaN(unix)}
        onClick={() => void act({ action: "move_revoke_time", revoke_old_unix: unix })}
      >
        Move
      </button>
    </div>
  );
}
