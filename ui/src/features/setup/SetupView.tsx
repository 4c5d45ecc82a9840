// The Setup wizard: app type → Marketplace → credentials → test → save. Also edits a saved
// profile (subject = its id) and starts on the Sandbox's demo app (subject = "sandbox").
import { useEffect, useRef, useState } from "preact/hooks";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type TestRun } from "../../ipc";
import { STEPS, type StepIndex } from "../../lib/wizard";
import { sandboxAppOf } from "../../state/firstRun";
import { takeComeBack, type Go } from "../../state/navigation";
import { AppTypeStep } from "./AppTypeStep";
import { CredentialsStep } from "./CredentialsStep";
import { usePreferences } from "../../state/preferences";
import { useProfiles } from "../../state/profiles";
import { credentialsReady, demoForm, emptyForm, fromDraft, type Form } from "./form";
import { MarketplaceStep } from "./MarketplaceStep";
import { SaveStep } from "./SaveStep";
import { TestStep } from "./TestStep";
import { useCredentialIssues } from "./useCredentialIssues";

export function SetupView({ subject, go }: { subject: string | null; go: Go }) {
  // A Sandbox app to start from (null: the demo app), else a saved profile to edit.
  const sandboxApp = sandboxAppOf(subject);
  const editingId = subject && sandboxApp === undefined ? subject : null;
  const [step, setStep] = useState<StepIndex>(subject ? 2 : 0);
  const preferences = usePreferences();
  const defaultCloud = preferences.ok === true ? preferences.value.preferences.default_cloud : "commercial";
  const [form, setForm] = useState<Form>(emptyForm(sandboxApp !== undefined ? "sandbox" : defaultCloud));
  const [lastRun, setLastRun] = useState<TestRun | null>(null);
  const [furthest, setFurthest] = useState<StepIndex>(subject ? 2 : 0);
  const issues = useCredentialIssues(form, editingId !== null);
  // After a step change, focus moves to the new step, so keyboard and screen-reader users land there.
  const stepCard = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepCard.current?.focus();
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
    setForm(fromDraft(saved));
  }, [saved]);
  // A new profile starts on the preferred cloud (the preferences may arrive after the first render).
  const touched = useRef(false);
  // The Sandbox app (the demo, or the one picked), as the Sandbox names it, unless the admin has typed meanwhile.
  useEffect(() => {
    if (sandboxApp === undefined) return;
    let live = true;
    void ipc.sandboxDemoApp(sandboxApp).then((demo) => {
      if (live && demo.ok && demo.value && !touched.current) setForm(demoForm(demo.value));
    });
    return () => {
      live = false;
    };
  }, [sandboxApp]);
  useEffect(() => {
    if (!subject && !touched.current) setForm((f) => ({ ...f, cloud: defaultCloud }));
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

  return (
    <>
      <ViewHeader title={editingId ? `Edit ${form.name || "profile"}` : "Setup"}>
        {sandboxApp !== undefined && <span class="badge badge--sandbox">Sandbox</span>}{" "}
        {editingId ? "Change this profile's values, test them, and save." : "Set up a Server-to-Server OAuth app, test it, and save it."}
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
        {step === 2 && <CredentialsStep form={form} issues={issues} editing={editingId !== null} onChange={change} onNext={next} />}
        {step === 3 && <TestStep form={form} lastRun={lastRun} onTested={setLastRun} onRevisit={goTo} onNext={next} />}
        {step === 4 && <SaveStep form={form} profileId={editingId} lastRun={lastRun} onSaved={() => go(takeComeBack() ?? "overview")} />}
      </section>
    </>
  );
}
