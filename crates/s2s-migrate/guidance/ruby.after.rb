# Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
# response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
require "net/http"; require "json"
def zoom_token
  return @token if @token && Time.now < @until
  uri = URI("{{TOKEN_URL}}")
  req = Net::HTTP::Post.new(uri)
  req.basic_auth(ENV.fetch("ZOOM_CLIENT_ID"), ENV.fetch("ZOOM_CLIENT_SECRET"))
  req.set_form_data(grant_type: "account_credentials", account_id: ENV.fetch("ZOOM_ACCOUNT_ID"))
  body = JSON.parse(Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }.body)
  @until = Time.now + body["expires_in"] - 60
  @token = body["access_token"]
end
