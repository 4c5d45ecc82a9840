//! Zoom's OAuth error table, read for an admin of a Server-to-Server app: what each code means
//! for them and what they can do. Sources: developers.zoom.us/docs/integrations/oauth-error-messages/
//! (rows up to 4717 confirmed on the live page), the rest of the table as FACTS.md "Errors" gives
//! it, and the second `124` message (developers.zoom.us/blog/access-token-change-faq). Several rows
//! belong to user-authorized OAuth apps (redirect URI, authorization code): seen with S2S
//! credentials, they mean the credentials or the flow are not a Server-to-Server app's.

/// "The owner of the token does not exist": the app's owner left the account (FACTS.md
/// "Errors"; app ownership: Zoom moves such apps to the account owner).
pub const OWNER_GONE: i64 = 4735;

/// What to do about Zoom's answer with `code` and `message`, when Zoom's OAuth table has a row
/// for it (the missing-scope answer, whatever its code, is read from its text elsewhere:
/// `ZoomBody::missing_scopes`). Read through `ZoomBody::oauth_advice`.
pub fn advice(code: i64, message: &str) -> Option<&'static str> {
    let text = message.to_ascii_lowercase();
    Some(match code {
        124 if text.contains("query parameter") => {
            "Send the access token in the Authorization header (Bearer …): since 2023-02-14 Zoom \
             refuses an access token passed as a query parameter (the token request itself may \
             still carry grant_type and account_id in its query string)."
        }
        4700 if text.contains("empty") => {
            "Zoom saw no token (4700): check that the request carries the Authorization header \
             with the access token, and that no proxy strips it."
        }
        4700 => {
            "Zoom gave no detail (4700, its catch-all). Retry once; if it repeats, send Zoom \
             developer support the x-zm-trackingid of the answer."
        }
        4709 => {
            "Zoom says the redirect URI does not match (4709): that is a user-authorized OAuth \
             app's flow. A Server-to-Server app has no redirect URI: use its Account ID, Client \
             ID and Client Secret with the account_credentials grant."
        }
        4711 => {
            "Zoom says the token's scopes do not match the app's (4711, refresh token invalid): \
             request a new token, so it carries the app's current scopes."
        }
        4717 => {
            "The app is disabled (4717). Open it in the Zoom App Marketplace and activate it; if \
             Zoom disabled it, Zoom's table says to contact Zoom support to enable it."
        }
        4724 => {
            "Zoom received a JWT it cannot use (4724): JWT apps are retired. Move the integration \
             to a Server-to-Server OAuth app (s2s migrate scan finds the JWT code and settings)."
        }
        4732 => {
            "Zoom's own lookup service failed (4732). Retry later; if it repeats, send Zoom \
             developer support the x-zm-trackingid of the answer."
        }
        4733 | 4734 => {
            "Zoom refused an authorization code (expired or invalid): that is a user-authorized \
             OAuth app's flow. A Server-to-Server app needs no code: use the account_credentials \
             grant with its Account ID, Client ID and Client Secret."
        }
        OWNER_GONE => {
            "The user who owns this app no longer exists in the account (Zoom 4735). Transfer the \
             app's ownership to an active admin (Marketplace → Manage → the app), then complete \
             the rotation Zoom asks the new owner for, and test again."
        }
        4737 => {
            "Zoom cannot find the authorization behind this token (4737). Request a new token; if \
             that fails too, Zoom's table says to ask Zoom to re-authorize the app."
        }
        4738 => {
            "An admin disabled this app's tokens (4738: pre-approval turned off for the app). Ask \
             the account's admin to allow the app again (Marketplace → Manage → the app), then \
             request a new token."
        }
        4740 => {
            "The token is outside Zoom's token tolerance range (4740): the app still runs under \
             the old one-token-at-a-time rule. Request a new token; to lift the limit, ask Zoom \
             to reconfigure the tolerance or move the app to today's rule (tokens coexist)."
        }
        4741 => {
            "The token was revoked (4741): a newer one replaced it. Request a new token and use \
             the latest."
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_zooms_table_says_what_to_do() {
        for (code, message, says) in [
            (4700, "Token cannot be empty.", "Authorization header"),
            (4700, "", "x-zm-trackingid"),
            (4709, "Redirect URI mismatch.", "account_credentials"),
            (4711, "Refresh token invalid.", "new token"),
            (4717, "The app has been disabled", "contact Zoom support"),
            (4724, "Exception error message.", "s2s migrate"),
            (
                4732,
                "Creating authorization code error.",
                "x-zm-trackingid",
            ),
            (4733, "Code is expired", "account_credentials"),
            (4734, "Invalid authorization code.", "account_credentials"),
            (4735, "The owner of the token does not exist.", "Transfer"),
            (
                4737,
                "Can not find the authentication for the access token.",
                "re-authorize",
            ),
            (
                4738,
                "The token is disabled by admin.",
                "allow the app again",
            ),
            (
                4740,
                "The token ID is out of the token tolerance range.",
                "tolerance",
            ),
            (4741, "The token has been revoked.", "latest"),
        ] {
            let advice = advice(code, message);
            assert!(
                advice.is_some_and(|a| a.contains(says)),
                "{code} {message}: {advice:?}"
            );
        }
    }

    #[test]
    fn an_access_token_in_the_query_string_is_named_and_other_124s_are_left_alone() {
        let query = advice(
            124,
            "Invalid access token, this access token is not supported as query parameter string.",
        );
        assert!(query.is_some_and(|a| a.contains("Authorization header")));
        assert_eq!(advice(124, "Invalid access token."), None);
        assert_eq!(advice(3001, "Meeting does not exist: 1."), None);
    }
}
