// Text from the backend with its Zoom web addresses made into links that open in the system
// browser (through open_external, whose allowlist decides what may open).
import { Fragment } from "preact";
import { ipc } from "../ipc";

// A host ending in zoom.us, zoom.com or zoomgov.com (not zoom.us.evil.example), then any path;
// trailing sentence punctuation is trimmed off below.
const ZOOM_URL = /https:\/\/(?:[a-z0-9-]+\.)*zoom(?:gov)?\.(?:us|com)(?![a-z0-9-]|\.[a-z0-9])(?:\/[^\s)"'<>]*)?/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/** Splits `text` into plain runs and Zoom URLs. */
export function splitLinks(text: string): { text: string; url: boolean }[] {
  const parts: { text: string; url: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(ZOOM_URL)) {
    const at = match.index ?? 0;
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    if (at > last) parts.push({ text: text.slice(last, at), url: false });
    parts.push({ text: url, url: true });
    last = at + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), url: false });
  return parts;
}

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, i) =>
        part.url ? (
          <a
            key={i}
            href={part.text}
            onClick={(e) => {
              e.preventDefault();
              void ipc.openExternal(part.text);
            }}
          >
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
