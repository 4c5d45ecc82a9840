// A rotation under way: how far it got, and what the admin can do next — resume an interrupted
// one, give the new secret to every deployment, move the old secret's revoke time, finish once
// they use it (or, said explicitly, before), or cancel one when the core says that loses no
// working secret (else why it cannot be cancelled).
import { useState } from "preact/hooks";
import { ConfirmInline } from "../../components/ConfirmInline";
import { When } from "../../components/When";
import type { ConsumerLine, Rotation, RotationRequest } from "../../ipc";
import { notDone } from "../../lib/consumers";
import { exactTime } from "../../lib/time";
import { reached, STAGES } from "../../lib/rotation";
import { ConsumerChecklist } from "./ConsumerChecklist";

type Props = {
  rotation: Rotation;
  previousKept: boolean;
  cancelRefused: string | null;
  consumers: ConsumerLine[];
  busy: boolean;
  act: (request: RotationRequest) => Promise<boolean>;
};

export function RotationProgress({ rotation, previousKept, cancelRefused, consumers, busy, act }: Props) {
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
          {consumers.length === 0 ? (
            <p>
              Switch every deployment to the new secret (<code>s2s exec --profile NAME -- COMMAND</code> hands it over without a file; "Where it's deployed"
              below lets the next rotation do it), then finish: the old secret leaves the keychain{viaApi ? " and Zoom revokes it at once" : ""}.
            </p>
          ) : (
            <ConsumerChecklist lines={consumers} busy={busy} act={act} />
          )}
          <Finish viaApi={viaApi} open={notDone(consumers).length} busy={busy} act={act} />
          {previousKept && <MoveRevokeTime viaApi={viaApi} busy={busy} act={act} />}
        </>
      )}
    </div>
  );
}

/** Finish: at once when every deployment has the new secret; otherwise only when the admin says
 *  so explicitly, knowing where the old secret then stops working. */
function Finish({ viaApi, open, busy, act }: { viaApi: boolean; open: number; busy: boolean; act: Props["act"] }) {
  const [asking, setAsking] = useState(false);
  if (open === 0)
    return (
      <div class="actions">
        <button
          type="button"
          class="button button--primary"
          data-testid="rotation-finish"
          disabled={busy}
          onClick={() => void act({ action: "finish", force: false })}
        >
          {busy ? "Finishing…" : "Every deployment uses the new secret — finish"}
        </button>
      </div>
    );
  return (
    <div class="actions">
      {asking ? (
        <ConfirmInline
          action="Finish anyway"
          testId="rotation-finish-anyway-confirm"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void act({ action: "finish", force: true });
          }}
        >
          {open === 1 ? "1 deployment" : `${open} deployments`} may still use the old secret: it stops working there{viaApi ? " as Zoom revokes it" : ""}.
        </ConfirmInline>
      ) : (
        <button type="button" class="button" data-testid="rotation-finish-anyway" disabled={busy} onClick={() => setAsking(true)}>
          I switched the rest myself — finish anyway
        </button>
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
