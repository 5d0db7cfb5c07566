// Entry module: loads the questionnaire's wasm and the data bundle (both
// same-origin static files) and mounts it into #app; then starts the
// screening worker and mounts the screening page into the questionnaire's
// screening area. Other pages embed the app the same way (see README).
import init, { mount } from "./pkg/export_assessor.js";
import { ScreeningClient } from "./screening-client.js";

const root = document.getElementById("app");
const screeningRoot = document.getElementById("screening");
// #screening shows the screening page, anything else the assessment.
const showView = () => {
  document.documentElement.dataset.view = location.hash === "#screening" ? "screening" : "assessment";
};
window.addEventListener("hashchange", showView);
showView();
// A file dropped beside a drop zone would make the browser open it and
// leave the app: files are taken by the drop zones only.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (e) => e.preventDefault());

try {
  const [, data] = await Promise.all([
    init(),
    fetch(new URL("./pkg/assessor-data.bin", import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`data bundle: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  const bytes = new Uint8Array(data);
  root.textContent = "";
  const lang = new URLSearchParams(location.search).get("lang") ?? undefined;
  const client = new ScreeningClient(bytes);
  const handle = mount(root, { ...(lang ? { lang } : {}), onScreen: (request) => client.screenAssessment(request) }, bytes);
  client.assessment.deliver = (answer) => handle.deliverScreening(answer);
  window.exportAssessor = handle;

  // The screening page, beside the questionnaire (never inside it: two
  // Yew apps must not nest); it follows the questionnaire's language (the
  // lang attribute of its root).
  const screening = await import("./pkg/screening.js");
  await screening.default();
  const app = root.querySelector("[data-testid=app]");
  const page = screening.mountScreening(screeningRoot, { lang: app.lang }, bytes, client);
  new MutationObserver(() => page.setLang(app.lang)).observe(app, { attributes: true, attributeFilter: ["lang"] });
  window.exportAssessorScreening = page;
  document.documentElement.dataset.ready = "true";
} catch (err) {
  const alert = document.createElement("p");
  alert.setAttribute("role", "alert");
  alert.className = "ea-notice";
  alert.textContent = `export-assessor could not start: ${err && err.message ? err.message : err}`;
  root.prepend(alert);
}
