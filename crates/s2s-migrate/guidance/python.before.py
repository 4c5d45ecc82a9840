import jwt, time
token = jwt.encode({"iss": API_KEY, "exp": int(time.time()) + 3600}, API_SECRET, algorithm="HS256")
