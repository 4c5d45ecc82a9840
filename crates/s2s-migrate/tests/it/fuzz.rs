//! Arbitrary bytes through every parser and the JWT decoder: no panic, no hang.

use proptest::prelude::*;
use s2s_migrate::find::{find_in, FileContext};
use s2s_migrate::format::{Format, Language};
use s2s_migrate::rewrite::{rewrite, NewNames, NewValues};
use s2s_migrate::text::Text;

const FORMATS: [Format; 10] = [
    Format::Env,
    Format::Shell,
    Format::Json,
    Format::Yaml,
    Format::Toml,
    Format::Ini,
    Format::Properties,
    Format::Code(Language::JavaScript),
    Format::Code(Language::Python),
    Format::Text,
];

/// Bytes biased toward the syntax the parsers care about.
fn config_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "ZOOM_API_KEY",
        "zoom",
        "apiKey",
        "=",
        ":",
        "\"",
        "'",
        "#",
        "\n",
        "\r\n",
        "  ",
        "- ",
        "|",
        ">",
        "data:",
        "kind: Secret",
        "eyJhbGciOiJIUzI1NiJ9",
        ".",
        "${X}",
        "+",
        "\\",
        "[zoom]",
        "{",
        "}",
        ",",
        "export ",
        "\u{feff}",
        "é",
        "name: ",
        "value: ",
        "ZOOM_API_SECRET",
        "- name: ",
        "\n    value: ",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        prop::collection::vec(pieces, 0..64).prop_map(|v| v.concat().into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parsers_and_the_rewrite_never_panic(bytes in config_like()) {
        let values = NewValues { account_id: "a".into(), client_id: "c".into(), client_secret: None, webhook_secret_token: None };
        for format in FORMATS {
            if let Some(text) = Text::from_bytes(&bytes) {
                let _ = find_in("f", &text, format, FileContext::default());
            }
            let _ = rewrite("f", &bytes, format, &NewNames::default(), &values);
        }
    }

    #[test]
    fn a_written_secret_never_reaches_a_preview(bytes in config_like()) {
        let secret = "FuzzNewClientSecret0987654321";
        let values = NewValues {
            account_id: "a".into(),
            client_id: "c".into(),
            client_secret: Some(s2s_core::Secret::new(secret)),
            webhook_secret_token: None,
        };
        for format in FORMATS {
            if let Some(r) = rewrite("f", &bytes, format, &NewNames::default(), &values) {
                prop_assert!(!r.preview.contains(secret), "{:?}: {}", format, r.preview);
            }
        }
    }

    #[test]
    fn the_jwt_decoder_never_panics(s in "[A-Za-z0-9_.=-]{0,400}") {
        let _ = s2s_migrate::jwt::decode(&s);
        let _ = s2s_migrate::jwt::decode(&format!("eyJ{s}"));
    }
}
