# Before: if request.headers.get("authorization") != os.environ["ZOOM_VERIFICATION_TOKEN"]: abort(401)
# After: verify x-zm-signature with the Secret Token over the raw body, and refuse stale events.
import hashlib, hmac, os, time

SECRET_TOKEN = os.environ["ZOOM_WEBHOOK_SECRET_TOKEN"].encode()

def verify_zoom_signature(headers, body: bytes) -> bool:
    timestamp = headers.get("x-zm-request-timestamp", "")
    expected = "v0=" + hmac.new(SECRET_TOKEN, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= 300
    return fresh and hmac.compare_digest(headers.get("x-zm-signature", ""), expected)
