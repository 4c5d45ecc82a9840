// A Zoom webhook receiver for Node.js with Express (npm install express).
// Run: ZOOM_WEBHOOK_SECRET_TOKEN=... PORT=8080 node receiver.js
const crypto = require("node:crypto");
const express = require("express");

const SECRET_TOKEN = process.env.ZOOM_WEBHOOK_SECRET_TOKEN;
const MAX_AGE_SECONDS = 5 * 60; // older signatures are replays
const app = express();

const hmacHex = (data) => crypto.createHmac("sha256", SECRET_TOKEN).update(data).digest("hex");

// express.raw keeps the bytes Zoom signed: re-serialized JSON would not match.
app.post("/zoom/webhook", express.raw({ type: "application/json" }), (req, res) => {
  const timestamp = req.get("x-zm-request-timestamp") ?? "";
  const signature = Buffer.from(req.get("x-zm-signature") ?? "");
  const expected = Buffer.from("v0=" + hmacHex(Buffer.concat([Buffer.from(`v0:${timestamp}:`), req.body])));
  const fresh = /^\d+$/.test(timestamp) && Math.abs(Date.now() / 1000 - Number(timestamp)) <= MAX_AGE_SECONDS;
  if (!fresh || signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) {
    return res.sendStatus(401);
  }
  const event = JSON.parse(req.body);
  if (event.event === "endpoint.url_validation") {
    const plainToken = event.payload.plainToken;
    return res.status(200).json({ plainToken, encryptedToken: hmacHex(plainToken) });
  }
  res.sendStatus(204); // answer within 3 seconds, then do the work
  setImmediate(() => console.log("received", event.event));
});

app.listen(Number(process.env.PORT ?? 8080));
