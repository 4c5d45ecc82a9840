import requests

ZOOM_API_KEY = "LegacyApiKey0123456789"
ZOOM_API_SECRET = 'LegacySecretValue0123456789'

def list_users():
    return requests.get(f"{BASE}/users", headers=headers())

def delete_meeting(meeting_id):
    return requests.delete(f"{BASE}/meetings/{meeting_id}", headers=headers())
