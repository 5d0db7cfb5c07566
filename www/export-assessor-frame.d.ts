// Types of the iframe mode's protocol, version 1 (www/frame-protocol.js,
// inlined into www/dist/export-assessor-frame.html; see README "iframe
// mode"). The host talks to <iframe sandbox="allow-scripts"> by
// postMessage only: it posts to iframe.contentWindow with targetOrigin "*"
// (a sandboxed frame's origin is opaque, "null") and accepts messages only
// when event.source === iframe.contentWindow.

import type { AssessResult, Outcome } from "./export-assessor";

/** Every message, both ways, carries these. */
export interface Envelope {
  protocol: "export-assessor";
  version: 1;
  /** Any string or finite number; replies carry the request's id. */
  id?: string | number;
}

// ── Host → frame ──────────────────────────────────────────────────────

/** Asks for the open assessment's outcome. */
export interface ReportRequest extends Envelope {
  type: "report";
}

/** Assesses an answers file (the CLI's format) with no UI, as `assess()` of export-assessor.js. */
export interface AssessRequest extends Envelope {
  type: "assess";
  /** The answers file's JSON, as text or as an object. */
  answers: string | object;
  /** The report's timestamp (default: now, to the second); the CLI's --created. */
  created?: string;
  lang?: "en" | "de";
}

/** One sanctions list file, as if the user had dropped it on the screening page. */
export interface ListFile {
  /** Shown as the list's name in the frame (1 to 200 characters). */
  name: string;
  /** The file's contents (at most 64 MiB); may be transferred. */
  bytes: ArrayBuffer | Uint8Array;
  /** Absent or "": detected from the contents. */
  format?: "" | "un" | "ofac" | "eu" | "uk" | "csv";
}

/** Adds list files (at most 20 per message) to the frame's screening engine, for this session. */
export interface ListsRequest extends Envelope {
  type: "lists";
  files: ListFile[];
}

export type HostMessage = ReportRequest | AssessRequest | ListsRequest;

// ── Frame → host ──────────────────────────────────────────────────────

/** Posted once the app has started, to each allowed origin. */
export interface ReadyMessage extends Envelope {
  type: "ready";
  /** Whether the frame can keep anything (false in a sandboxed frame: work lasts for the session). */
  storage: boolean;
  ruleSet: { id: string; version: string };
  /** The destination data's as-of date, YYYY-MM-DD. */
  destinationDataAsOf: string;
  /** The request types this frame takes. */
  accepts: HostMessage["type"][];
  /** The open assessment's outcome at start (null: none or undecided). */
  outcome: Outcome | null;
}

/** Posted whenever the open assessment's outcome changes: the outcome only, no answers or names. */
export interface OutcomeMessage extends Envelope {
  type: "outcome";
  outcome: Outcome | null;
  /** Only when the frame's config sets "includeAnswers": true: the saved work (JSON text, the app's saved-work format). */
  work?: string | null;
}

/** The frame's config: <script type="application/json" id="export-assessor-frame-config">. */
export interface FrameConfig {
  /** Exact origins ("https://intranet.example") or "self" (the origin the frame file is served from). */
  allowedOrigins: string[];
  /** Opt-in: outcome messages also carry the saved work (answers and names). Default false. */
  includeAnswers?: boolean;
}

export interface ReportReply extends Envelope {
  type: "report";
  outcome: Outcome | null;
}

export interface AssessedReply extends Envelope {
  type: "assessed";
  result: AssessResult;
}

export interface ListsReply extends Envelope {
  type: "lists";
  /** The lists now loaded, one per file read. */
  loaded: { name: string; key: string; format: string; entries: number | null }[];
  /** The files that were not loaded, and why. */
  errors: { name: string; message: string }[];
}

/**
 * A request the frame could not carry out. "malformed": not a protocol
 * message or a bad field; "version": another protocol version (the message
 * names the supported one); "unknown-type"; "assess": the answers were
 * refused; "screening": the engine did not start; "failed": anything else.
 */
export interface ErrorReply extends Envelope {
  type: "error";
  code: "malformed" | "version" | "unknown-type" | "assess" | "screening" | "failed";
  message: string;
}

export type FrameMessage = ReadyMessage | OutcomeMessage | ReportReply | AssessedReply | ListsReply | ErrorReply;
