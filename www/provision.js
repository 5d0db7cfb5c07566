// Host provisioning (issue 14): a page, or the <export-assessor> element's
// options, may name same-origin sanctions list files, a shared decisions
// register and the list age limit. Used by main.js and export-assessor.js;
// imports nothing (the offline single file maps this module to a blob: URL).
// Notices are text only (textContent), never markup.

/**
 * The page's provisioning config from
 * <script type="application/json" id="export-assessor-config">: the
 * `provision` object, null when the page names none. A config that cannot
 * be read is reported through `notice` and ignored.
 */
export function readProvision(notice, doc = document) {
  const el = doc.getElementById("export-assessor-config");
  if (!el) return null;
  try {
    const config = JSON.parse(el.textContent);
    return config.provision ?? config;
  } catch (err) {
    notice(`The page's configuration (#export-assessor-config) is not valid JSON: ${err.message}. Ask whoever maintains this page to fix it; you can still add your own lists.`);
    return null;
  }
}

/**
 * A notice function that lists problems in one <ul role="alert"> placed
 * before `anchor` (created on the first problem).
 */
export function noticeList(anchor) {
  let list = null;
  return (text) => {
    if (!list) {
      list = anchor.ownerDocument.createElement("ul");
      list.id = "provision-notices";
      list.className = "ea-provision-notices";
      list.setAttribute("role", "alert");
      list.dataset.testid = "provision-notices";
      anchor.before(list);
    }
    const item = anchor.ownerDocument.createElement("li");
    item.textContent = text;
    list.append(item);
  };
}

/** Same-origin GET of one provisioned file: a Response, or an Error saying why not. */
export async function fetchProvisioned(url) {
  let target;
  try {
    target = new URL(url, location.href);
  } catch {
    throw new Error("not a valid URL");
  }
  if (target.origin !== location.origin) throw new Error(`only files from this site (${location.origin}) are loaded; this one is on ${target.origin}, so it was not fetched`);
  const response = await fetch(target, { method: "GET", credentials: "same-origin" });
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
  return response;
}

/**
 * Loads the provisioned register, lists and age limit into the screening
 * engine (`client`: a ScreeningClient), as if the user had chosen them;
 * every problem goes to `notice(text)` and the rest keeps working.
 */
export async function provisionScreening(client, provision, notice) {
  const report = (what, url, err) => notice(`${what} ${url} was not loaded: ${String(err && err.message ? err.message : err).replace(/\.+$/, "")}. The other lists keep working; you can still add files yourself.`);
  const days = provision.maxListAgeDays;
  if (days !== undefined) {
    try {
      await client.setMaxListAge(days);
    } catch (err) {
      notice(`The configured list age limit (maxListAgeDays) was not applied: ${err.message}`);
    }
  }
  if (provision.register) {
    try {
      const text = await (await fetchProvisioned(provision.register)).text();
      await client.registerImport(text, true);
    } catch (err) {
      report("The decisions register", provision.register, err);
    }
  }
  for (const entry of Array.isArray(provision.lists) ? provision.lists : []) {
    const url = typeof entry === "string" ? entry : entry && entry.url;
    if (typeof url !== "string") {
      notice(`A configured list has no "url": ${JSON.stringify(entry)}`);
      continue;
    }
    try {
      const blob = await (await fetchProvisioned(url)).blob();
      // The list panel shows a list's file name: here its path on this
      // site, so the user sees where the company's list came from.
      const name = new URL(url, location.href).pathname;
      const result = await client.addFiles([new File([blob], name)], entry.format || "");
      for (const e of result.errors) report("The list", url, new Error(e.message));
    } catch (err) {
      report("The list", url, err);
    }
  }
}
