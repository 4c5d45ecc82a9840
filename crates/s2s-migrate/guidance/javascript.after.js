// Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
// response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
let cached = { token: null, until: 0 };
async function zoomToken() {
  if (cached.token && Date.now() < cached.until) return cached.token;
  const basic = Buffer.from(`${process.env.ZOOM_CLIENT_ID}:${process.env.ZOOM_CLIENT_SECRET}`).toString("base64");
  const res = await fetch("{{TOKEN_URL}}", {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "account_credentials", account_id: process.env.ZOOM_ACCOUNT_ID }),
  });
  if (!res.ok) throw new Error(`Zoom token: ${res.status} ${await res.text()}`);
  const { access_token, expires_in } = await res.json();
  cached = { token: access_token, until: Date.now() + (expires_in - 60) * 1000 };
  return access_token;
}
