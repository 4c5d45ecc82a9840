// Zoom client (JWT era)
const axios = require("axios");
const TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" +
  "hdWQiOm51bGwsImlzcyI6IkxlZ2FjeUFwaUtleTAxMjM0NTY3ODkiLCJleHAiOjE2MDAwMDAwMDAsImlhdCI6MTU5MDAwMDAwMH0.bm90LWEtcmVhbC1zaWduYXR1cmUtMDEyMzQ1Njc4OQ";
async function meetings(userId) {
  return axios.get(`https://api.zoom.us/v2/users/${userId}/meetings`, { headers: { Authorization: `Bearer ${TOKEN}` } });
}
async function create(userId, body) {
  return axios.post("https://api.zoom.us/v2/users/" + userId + "/meetings", body);
}
async function participants(id) {
  return fetch(`${BASE}/report/meetings/${id}/participants`);
}
