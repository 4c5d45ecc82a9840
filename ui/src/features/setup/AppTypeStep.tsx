// Step 1: which kind of Zoom app the admin needs.
import { useState } from "preact/hooks";
import { ipc } from "../../ipc";
import { recommendAppType, type AppTypeAnswers } from "../../lib/wizard";

const DOCS = {
  s2s: "https://developers.zoom.us/docs/internal-apps/s2s-oauth/",
  user_oauth: "https://developers.zoom.us/docs/integrations/create/",
} as const;

export function AppTypeStep({ onNext }: { onNext: () => void }) {
  const [answers, setAnswers] = useState<AppTypeAnswers>({ actsFor: "account", userSignIn: false, published: false });
  const pick = recommendAppType(answers);
  const set = (patch: Partial<AppTypeAnswers>) => setAnswers({ ...answers, ...patch });
  return (
    <div class="step" data-testid="step-app-type">
      <fieldset>
        <legend>Whose data does the integration work with?</legend>
        <label>
          <input type="radio" name="acts" checked={answers.actsFor === "account"} onChange={() => set({ actsFor: "account" })} /> My own Zoom account (internal
          automation)
        </label>
        <label>
          <input type="radio" name="acts" checked={answers.actsFor === "users"} onChange={() => set({ actsFor: "users" })} /> Other people's Zoom accounts
        </label>
      </fieldset>
      <fieldset>
        <legend>Does someone sign in with Zoom to authorise it?</legend>
        <label>
          <input type="radio" name="signin" checked={!answers.userSignIn} onChange={() => set({ userSignIn: false })} /> No, it runs unattended
        </label>
        <label>
          <input type="radio" name="signin" checked={answers.userSignIn} onChange={() => set({ userSignIn: true })} /> Yes
        </label>
      </fieldset>
      <fieldset>
        <legend>Will it be listed in the Zoom App Marketplace?</legend>
        <label>
          <input type="radio" name="pub" checked={!answers.published} onChange={() => set({ published: false })} /> No
        </label>
        <label>
          <input type="radio" name="pub" checked={answers.published} onChange={() => set({ published: true })} /> Yes
        </label>
      </fieldset>
      <div class={`recommendation recommendation--${pick}`} data-testid="app-type-recommendation">
        {pick === "s2s" ? (
          <p>
            <strong>Server-to-Server OAuth</strong> fits: internal automation that acts for your own account, with no one signing in and no refresh tokens to
            keep. S2S Desk is built for it.
          </p>
        ) : (
          <>
            <p>
              <strong>A general (OAuth) app</strong> fits better: people authorise it, and only such apps can be published. S2S Desk tests S2S apps only.
            </p>
            <ul data-testid="general-app-kinds">
              <li>
                <strong>Account-level:</strong> an admin installs it once for the whole account; users get nothing extra from installing it themselves.
              </li>
              <li>
                <strong>User-level:</strong> each user installs it and it reaches only their own data.
              </li>
              <li>
                <strong>Several customer domains:</strong> one redirect URL you control can send each customer on to their own domain (a multi-domain app).
              </li>
            </ul>
          </>
        )}
        <button type="button" class="button button--link" onClick={() => void ipc.openExternal(DOCS[pick])}>
          Read Zoom's guide ↗
        </button>
      </div>
      <div class="actions">
        <button type="button" class={`button ${pick === "s2s" ? "button--primary" : ""}`} data-testid="wizard-next" onClick={onNext}>
          Continue with S2S
        </button>
      </div>
    </div>
  );
}
