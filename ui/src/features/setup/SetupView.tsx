// The Setup wizard: app type → Marketplace → credentials → test → save; it starts on a Sandbox
// app when the subject names one. A saved profile (subject = its id) is edited on one page.
import { useEffect, useRef, useState } from "preact/hooks";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type Profile, type TestRun } from "../../ipc";
import { STEPS, type StepIndex } from "../../lib/wizard";
import { announce, highlightProfile } from "../../state/announce";
import { sandboxAppOf } from "../../state/firstRun";
import { takeComeBack, type Go } from "../../state/navigation";
import { DeployedPanel } from "../consumers/DeployedPanel";
import { AppTypeStep } from "./AppTypeStep";
import { CredentialsStep } from "./CredentialsStep";
import { usePreferences } from "../../state/preferences";
import { useProfiles } from "../../state/profiles";
import { useUnsavedChanges } from "../../state/unsaved";
import { credentialsReady, demoForm, emptyForm, fromDraft, type Form } from "./form";
import { MarketplaceStep } from "./MarketplaceStep";
import { SaveStep } from "./SaveStep";
import { TestStep } from "./TestStep";
import { useCredentialIssues } from "./useCredentialIssues";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";

export function SetupView({ subject, go }: { subject: string | null; go: Go }) {
  // A Sandbox app to start from (null: the demo app), else a saved profile to edit.
  const sandboxApp = sandboxAppOf(subject);
  const editingId = subject && sandboxApp === undefined ? subject : null;
  const [step, setStep] = useState<StepIndex>(subject ? 2 : 0);
  const preferences = usePreferences();
  const defaultCloud = preferences.ok === true ? preferences.value.preferences.default_cloud : "commercial";
  const [form, setForm] = useState<Form>(emptyForm(sandboxApp !== undefined ? "sandbox" : defaultCloud));
  const [lastRun, setLastRun] = useState<TestRun | null>(null);
  // The form as it was loaded (empty, a Sandbox app, the saved profile): anything else, or a
  // test not saved yet, would be lost by leaving.
  const [baseline, setBaseline] = useState<Form>(form);
  const load = (loaded: Form) => {
    setForm(loaded);
    setBaseline(loaded);
  };
  const [furthest, setFurthest] = useState<StepIndex>(subject ? 2 : 0);
  const issues = useCredentialIssues(form, editingId !== null);
  // After a step change, focus moves to the new step (or the field to fix there), so keyboard
  // and screen-reader users land where they are needed.
  const stepCard = useRef<HTMLElement>(null);
  const fieldToFocus = useRef<string | null>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const field = fieldToFocus.current ? document.getElementById(fieldToFocus.current) : null;
    fieldToFocus.current = null;
    (field ?? stepCard.current)?.focus();
  }, [step]);
  // A step is open once every step before it is done: no Save with an empty form.
  const reachable = (i: number) => i <= furthest + 1 && (i <= 2 || credentialsReady(form, issues, editingId !== null));
  const goTo = (i: StepIndex) => {
    if (!reachable(i)) return;
    setStep(i);
    setFurthest((f) => Math.max(f, i) as StepIndex);
  };

  // An edit starts from the saved profile, once it is known.
  const list = useProfiles();
  const saved = editingId && list.ok === true ? (list.value.profiles.find((p) => p.id === editingId) ?? null) : null;
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!saved || loadedFor.current === saved.id) return;
    loadedFor.current = saved.id;
    load(fromDraft(saved));
  }, [saved]);
  // A new profile starts on the preferred cloud (the preferences may arrive after the first render).
  const touched = useRef(false);
  // The Sandbox app (the demo, or the one picked), as the Sandbox names it, unless the admin has typed meanwhile.
  useEffect(() => {
    if (sandboxApp === undefined) return;
    let live = true;
    void ipc.sandboxDemoApp(sandboxApp).then((demo) => {
      if (live && demo.ok && demo.value && !touched.current) load(demoForm(demo.value));
    });
    return () => {
      live = false;
    };
  }, [sandboxApp]);
  useEffect(() => {
    if (!subject && !touched.current) load(emptyForm(defaultCloud));
  }, [subject, defaultCloud]);

  const change = (next: Form) => {
    touched.current = true;
    // A Sandbox app's App ID belongs to its Client ID only: typing another drops it (filling
    // in a Sandbox app brings its own).
    const typedAnotherClient = next.clientId !== form.clientId && next.appId === form.appId;
    setForm(typedAnotherClient ? { ...next, appId: null } : next);
    setLastRun(null); // a result belongs to the values it tested
  };
  const next = () => goTo(Math.min(step + 1, 4) as StepIndex);
  const dirty = JSON.stringify(form) !== JSON.stringify(baseline) || (editingId === null && lastRun !== null);
  useUnsavedChanges(dirty, editingId ? `Your changes to “${saved?.name ?? "this profile"}”` : "What you entered in Setup");
  const onSaved = (profile: Profile) => {
    announce(editingId ? `Saved the changes to “${profile.name}”.` : `Saved “${profile.name}”; its secret is in the system keychain.`);
    if (!editingId) highlightProfile(profile.id);
    go(takeComeBack() ?? "overview");
  };
  const revisit = (i: StepIndex, field: string | null) => {
    fieldToFocus.current = field;
    goTo(i);
  };

  if (editingId) {
    // An edit is one page: the values, a test (with the keychain's secret unless a new one is
    // typed), and Save — no wizard, no retyped secret.
    const focusField = (_: StepIndex, field: string | null) => document.getElementById(field ?? "profile-name")?.focus();
    return (
      <>
        {/* One form: Enter in any field is Save. */}
        <form class="edit-profile" onSubmit={keepOnPage} onKeyDown={enterClicksDefault} data-testid="edit-profile">
          <ViewHeader title={`Edit ${saved?.name ?? "profile"}`}>
            Change a value, test it with the secret already in the keychain (or a new one), and save.
          </ViewHeader>
          <section class="card" aria-labelledby="edit-values-title" data-testid="edit-values">
            <h2 id="edit-values-title">Values</h2>
            <CredentialsStep form={form} issues={issues} editing onChange={change} />
          </section>
          <section class="card" aria-labelledby="edit-test-title" data-testid="edit-test">
            <h2 id="edit-test-title">Test</h2>
            <TestStep form={form} lastRun={lastRun} onTested={setLastRun} onRevisit={focusField} editing={editingId} />
          </section>
          <section class="card" aria-labelledby="edit-save-title" data-testid="edit-save">
            <h2 id="edit-save-title">Save</h2>
            <SaveStep form={form} profileId={editingId} lastRun={lastRun} onSaved={onSaved} inForm />
          </section>
        </form>
        {/* Its own forms, so outside the profile's: where the secret is deployed is saved as it is added. */}
        {saved && <DeployedPanel profile={saved} />}
      </>
    );
  }

  return (
    <>
      <ViewHeader title="Setup">
        {sandboxApp !== undefined && <span class="badge badge--sandbox">Sandbox</span>} Set up a Server-to-Server OAuth app, test it, and save it.
      </ViewHeader>
      <ol class="stepper" data-testid="stepper">
        {STEPS.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              class={i === step ? "stepper__step stepper__step--current" : "stepper__step"}
              aria-current={i === step ? "step" : undefined}
              disabled={!reachable(i)}
              title={reachable(i) ? undefined : "Complete the steps before this one first"}
              onClick={() => goTo(i as StepIndex)}
            >
              <span class="stepper__number">{i + 1}</span> {label}
            </button>
          </li>
        ))}
      </ol>
      <section class="card step-card" ref={stepCard} tabIndex={-1} aria-label={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`} data-testid="step-card">
        {step === 0 && <AppTypeStep onNext={next} />}
        {step === 1 && <MarketplaceStep cloud={form.cloud} onNext={next} />}
        {step === 2 && <CredentialsStep form={form} issues={issues} editing={false} onChange={change} onNext={next} />}
        {step === 3 && <TestStep form={form} lastRun={lastRun} onTested={setLastRun} onRevisit={revisit} onNext={next} />}
        {step === 4 && <SaveStep form={form} profileId={null} lastRun={lastRun} onSaved={onSaved} />}
      </section>
    </>
  );
}
