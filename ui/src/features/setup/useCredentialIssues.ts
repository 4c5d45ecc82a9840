// The core's findings for the Setup form's credentials, refreshed as they are typed.
import { useEffect, useState } from "preact/hooks";
import { ipc, type CredentialIssue } from "../../ipc";
import type { Form } from "./form";

/** The core's findings for the current values, refreshed shortly after typing stops. An empty
 *  secret while editing means "keep the stored one", so it is not flagged. */
export function useCredentialIssues(form: Form, editing: boolean): CredentialIssue[] {
  const [issues, setIssues] = useState<CredentialIssue[]>([]);
  useEffect(() => {
    if (!form.accountId && !form.clientId && !form.clientSecret) return setIssues([]);
    const timer = setTimeout(async () => {
      const outcome = await ipc.validateCredentials(form.accountId, form.clientId, form.clientSecret);
      if (!outcome.ok) return;
      setIssues(outcome.value.filter((i) => !(editing && i.field === "client_secret" && form.clientSecret === "")));
    }, 200);
    return () => clearTimeout(timer);
  }, [form.accountId, form.clientId, form.clientSecret, editing]);
  return issues;
}
