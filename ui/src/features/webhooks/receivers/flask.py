# A Zoom webhook receiver for Python with Flask (pip install flask).
# Run: ZOOM_WEBHOOK_SECRET_TOKEN=... PORT=8080 python3 receiver.py
import hashlib
import hmac
import json
import os
import time

from flask import Flask, jsonify, request

SECRET_TOKEN = os.environ["ZOOM_WEBHOOK_SECRET_TOKEN"].encode()
MAX_AGE_SECONDS = 5 * 60  # older signatures are replays
app = Flask(__name__)


def hmac_hex(data: bytes) -> str:
    return hmac.new(SECRET_TOKEN, data, hashlib.sha256).hexdigest()


@app.post("/zoom/webhook")
def zoom_webhook():
    body = request.get_data()  # the bytes Zoom signed, not re-serialized JSON
    timestamp = request.headers.get("x-zm-request-timestamp", "")
    signature = request.headers.get("x-zm-signature", "")
    expected = "v0=" + hmac_hex(b"v0:" + timestamp.encode() + b":" + body)
    fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= MAX_AGE_SECONDS
    if not fresh or not hmac.compare_digest(signature, expected):
        return "", 401
    event = json.loads(body)
    if event["event"] == "endpoint.url_validation":
        plain_token = event["payload"]["plainToken"]
        return jsonify(plainToken=plain_token, encryptedToken=hmac_hex(plain_token.encode()))
    # Answer within 3 seconds; hand slow work to a queue.
    return "", 204


if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", "8080")))
