# Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
# response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
import os, time, requests
_cache = {"token": None, "until": 0}
def zoom_token():
    if _cache["token"] and time.time() < _cache["until"]:
        return _cache["token"]
    r = requests.post("{{TOKEN_URL}}",
                      auth=(os.environ["ZOOM_CLIENT_ID"], os.environ["ZOOM_CLIENT_SECRET"]),
                      data={"grant_type": "account_credentials", "account_id": os.environ["ZOOM_ACCOUNT_ID"]},
                      timeout=20)
    r.raise_for_status()
    body = r.json()
    _cache.update(token=body["access_token"], until=time.time() + body["expires_in"] - 60)
    return _cache["token"]
