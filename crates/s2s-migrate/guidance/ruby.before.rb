token = JWT.encode({ iss: ENV["ZOOM_API_KEY"], exp: Time.now.to_i + 3600 }, ENV["ZOOM_API_SECRET"], "HS256")
