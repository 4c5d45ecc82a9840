const jwt = require("jsonwebtoken");
const token = jwt.sign({ iss: process.env.ZOOM_API_KEY, exp: Math.floor(Date.now() / 1000) + 3600 },
                       process.env.ZOOM_API_SECRET);
