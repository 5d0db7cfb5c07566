// Types of www/export-assessor.js: the <export-assessor> element and the
// JS API for intranet pages (see README "Embedding").

/** The views an instance can show. Only "assessment" embeds so far. */
export type View = "assessment" | "screening" | "triage" | "archive";

/** An assessment's outcome, as the reports name it. */
export type Outcome =
  | "prohibited"
  | "authorisation_required"
  | "notify_authority"
  | "incomplete"
  | "escalate"
  | "proceed_documented"
  | "not_in_scope";

/** Options: as attributes of <export-assessor>, its `config` JSON attribute/property, or `mount`'s second argument. */
export interface EmbedOptions {
  /** "en" or "de"; absent: the browser's language. */
  lang?: "en" | "de";
  /** The company name, shown (as text) in a header above the app. */
  company?: string;
  /** A same-origin URL of the company's logo (another origin is refused). */
  logo?: string;
  /** Who to ask, shown (as text) in the header, e.g. "Export control, ext. 4711". */
  contact?: string;
  /** The views to show (comma list as an attribute). Only "assessment" embeds so far. */
  views?: View[] | string;
  /** Accepted but not applied yet: the exporter's member state preset. */
  memberState?: string;
  /** Accepted but not applied yet: a read-only instance. */
  readonly?: boolean;
  /** Opt-in: outcome events also carry the saved work (answers and names). Default false: the outcome only. */
  includeAnswers?: boolean;
}

/** What an "outcome" event carries: the outcome only, unless `includeAnswers` was set. */
export interface OutcomeEvent {
  outcome: Outcome | null;
  /** Only with `includeAnswers: true`: the saved work (JSON text, the app's saved-work format). */
  work?: string | null;
}

export interface Handle {
  /** The current assessment's outcome, or null while undecided (or after destroy). */
  report(): { outcome: Outcome | null };
  outcome(): Outcome | null;
  /** Calls `callback` each time the outcome changes; returns a function that removes it. */
  on(event: "outcome", callback: (event: OutcomeEvent) => void): () => void;
  /** Unmounts the app and empties the shadow root. */
  destroy(): void;
}

/**
 * Mounts the questionnaire into an open shadow root of `element` (with the
 * app's styles) and resolves with its handle. Fetches the wasm and the data
 * bundle once per page, same origin, relative to export-assessor.js.
 */
export function mount(element: Element, options?: EmbedOptions): Promise<Handle>;

export interface AssessOptions {
  /** The report's timestamp (default: now, to the second); the CLI's --created. */
  created?: string;
  /** The report's language, "en" (default) or "de"; the CLI's --lang. */
  lang?: "en" | "de";
}

export interface AssessResult {
  outcome: Outcome;
  /** Whether questions that can change the outcome are still open. */
  undecided: boolean;
  /** The ids of the rules that decided the outcome. */
  decidedBy: string[];
  /** "sha256:…", as `export-assessor report` seals it. */
  fingerprint: string;
  /** The sealed report, exactly as `export-assessor report --created <created>` writes it. */
  report: Record<string, unknown>;
}

/**
 * Assesses an answers file (the CLI's JSON format, as text or object) with
 * no UI. Loads the records wasm on first use. Rejects with an Error naming
 * the problem on bad answers.
 */
export function assess(answers: string | object, options?: AssessOptions): Promise<AssessResult>;

/** The <export-assessor> element. Attributes: lang, member-state, company, logo, contact, views, readonly, config (JSON). */
export interface ExportAssessorElement extends HTMLElement {
  /** The options as an object (merged over the `config` attribute; other attributes win). */
  config: EmbedOptions | null;
  /** The current handle, null until mounted. */
  readonly handle: Handle | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "export-assessor": ExportAssessorElement;
  }
  interface HTMLElementEventMap {
    "export-assessor-outcome": CustomEvent<OutcomeEvent>;
    "export-assessor-ready": Event;
  }
}
