// Types of www/export-assessor.js: the <export-assessor> element and the
// JS API for intranet pages (see README "Embedding").

/**
 * The views an instance can show, as tabs in this order: the questionnaire,
 * the sanctions screening page, lead triage, the product catalogue, and the
 * records app ("archive": the archive, a report, the notification, Verify).
 */
export type View = "assessment" | "screening" | "triage" | "products" | "archive";

/** A records page the handle can show besides the views. */
export type RecordsPage = "verify" | "report" | "seal" | "print" | "notification";

/**
 * Same-origin files the company provides: lists, register and age limit go
 * into the instance's screening engine as if the user had chosen them;
 * company rules and destination data are composed into its data bundle
 * before it mounts.
 */
export interface Provision {
  /** Sanctions list files (a URL alone, or with its format: "eu-fsf", "un", "ofac", "csv"; absent: detected). */
  lists?: Array<string | { url: string; format?: string }>;
  /** The company register of "not a match" decisions (its JSON file). */
  register?: string;
  /** The age in days after which a list is flagged as stale (default 7). */
  maxListAgeDays?: number;
  /** A company extension of the rule set (JSON; "extends" names the shipped rule set). */
  rules?: string;
  /** A complete destination-data file (JSON, schema 2) replacing the shipped one. */
  destinations?: string;
}

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
  /** The views to show (comma list as an attribute); the first is shown first. Default: all (without "products" when read-only). */
  views?: View[] | string;
  /** The exporter's member state, two letters ("DE"; attribute member-state): passed to the questionnaire as its preset. */
  memberState?: string;
  /**
   * A read-only instance (attribute readonly): passed to the questionnaire
   * (readOnly: true); no products view; the archive opens assessments but
   * does not delete, duplicate or import; triage opens no lead.
   */
  readOnly?: boolean;
  /**
   * Lists, register and list age limit to load into the screening engine
   * (same origin only). Absent: the page's
   * <script type="application/json" id="export-assessor-config"> block, if any.
   */
  provision?: Provision;
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
  /** Shows a view or a records page inside the instance (the host's address is not touched); false when the instance has no such view. */
  show(view: View | RecordsPage): boolean;
  /** Calls `callback` each time the outcome changes; returns a function that removes it. */
  on(event: "outcome", callback: (event: OutcomeEvent) => void): () => void;
  /** Unmounts every app, stops the instance's screening worker and empties the shadow root. */
  destroy(): void;
}

/**
 * Mounts export-assessor into an open shadow root of `element` (with the
 * app's styles): the questionnaire at once, the other views when they first
 * open, and the screening engine (a worker per instance) when lists are
 * provisioned or stored or a screening view opens. Resolves with its handle.
 * Fetches the wasm, the data bundle and the stylesheets once per page, same
 * origin, relative to export-assessor.js.
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

/**
 * The <export-assessor> element. Attributes: lang, member-state, company,
 * logo, contact, views, readonly, config (JSON). It reports its state in
 * data attributes: data-ready ("true" | "failed"), data-view (the view
 * shown), data-engine ("loading" | "ready" | "failed" | "none"),
 * data-screening / data-triage / data-products / data-records (each page's
 * "loading" | "ready" | "failed") and data-provision ("done" once the
 * provisioned files were loaded or reported).
 */
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
    /** The outcome changed (bubbles, composed); the detail as for handle.on("outcome"). */
    "export-assessor-outcome": CustomEvent<OutcomeEvent>;
    /** The instance is mounted (bubbles, composed). */
    "export-assessor-ready": Event;
  }
}
