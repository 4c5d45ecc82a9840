// Before: if (req.headers.authorization !== process.env.ZOOM_VERIFICATION_TOKEN) return res.sendStatus(401);
// After: verify x-zm-signature with the Secret Token over the raw body (express.raw), and refuse stale events.
const crypto = require("node:crypto");
const SECRET_TOKEN = process.env.ZOOM_WEBHOOK_SECRET_TOKEN;

function verifyZoomSignature(req) {
  const timestamp = req.get("x-zm-request-timestamp") ?? "";
  const expected = "v0=" + crypto.createHmac("sha256", SECRET_TOKEN)
    .update(Buffer.concat([Buffer.from(`v0:${timestamp}:`), req.body])).digest("hex");
  const signature = Buffer.from(req.get("x-zm-signature") ?? "");
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return fresh && signature.length === expected.length && crypto.timingSafeEqual(signature, Buffer.from(expected));
}
