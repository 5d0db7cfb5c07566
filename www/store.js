// The assessments in IndexedDB: one record per assessment, { id, rev, draft },
// where `draft` is the JSON the app wrote and `rev` counts the saves. A save
// names the revision it was made from; when another tab saved in between,
// nothing is overwritten and the other version comes back to the app, which
// keeps both. The app decides everything else; this only stores.

const DB = "export-assessor";
const VERSION = 1;
const DRAFTS = "assessments";
const META = "meta";

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** What went wrong, in the app's terms. */
function failure(err) {
  const name = err && err.name;
  const message = err && err.message ? err.message : String(err);
  if (name === "QuotaExceededError") return { status: "quota", message: `${name}: ${message}` };
  return { status: "failed", message: name ? `${name}: ${message}` : message };
}

/** Runs `body(store)` in one readwrite transaction and resolves with its result once committed. */
function write(db, storeName, body) {
  return new Promise((resolve) => {
    let result;
    let tx;
    try {
      tx = db.transaction(storeName, "readwrite");
    } catch (err) {
      resolve(failure(err));
      return;
    }
    tx.oncomplete = () => resolve(result);
    // Aborted: the failure the body saw, or the transaction's own (a full
    // disk shows here, at commit, as QuotaExceededError).
    tx.onabort = () => resolve(result && (result.status === "quota" || result.status === "failed") ? result : failure(tx.error));
    tx.onerror = (e) => e.preventDefault(); // reported by onabort
    try {
      body(tx.objectStore(storeName), (r) => { result = r; });
    } catch (err) {
      try { tx.abort(); } catch { /* already finished */ }
      resolve(failure(err));
    }
  });
}

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: "id" });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    // Another tab holds an older version open and does not let go.
    req.onblocked = () => reject(new Error("the assessments' database is blocked by another tab of this app; close the other tabs and reload"));
  });
}

/**
 * Opens the store and reads everything in it. Resolves to null when this
 * browser has no usable IndexedDB (the app then keeps work in localStorage).
 */
export async function openStore() {
  if (typeof indexedDB === "undefined") return null;
  let db;
  try {
    db = await open();
  } catch {
    return null;
  }
  // A newer version of the app in another tab wants to upgrade: let it.
  db.onversionchange = () => db.close();
  const tx = db.transaction([DRAFTS, META], "readonly");
  const [records, prefs] = await Promise.all([
    request(tx.objectStore(DRAFTS).getAll()),
    request(tx.objectStore(META).get("prefs")),
  ]);
  return {
    records: records.map((r) => ({ id: String(r.id), rev: Number(r.rev) || 0, draft: String(r.draft) })),
    prefs: typeof prefs === "string" ? prefs : null,
    /** Saves `draft` as the revision after `rev` (0: a new assessment). */
    put(id, rev, draft) {
      return write(db, DRAFTS, (store, done) => {
        const get = store.get(id);
        get.onsuccess = () => {
          const have = get.result;
          const current = have ? Number(have.rev) || 0 : 0;
          if (current !== rev) {
            done(have ? { status: "conflict", rev: current, draft: String(have.draft) } : { status: "conflict", rev: 0, draft: null });
            return;
          }
          try {
            store.put({ id, rev: rev + 1, draft });
          } catch (err) {
            done(failure(err));
            tx.abort();
            return;
          }
          done({ status: "saved", rev: rev + 1 });
        };
      });
    },
    /** Deletes the assessment if it is still at `rev`. */
    remove(id, rev) {
      return write(db, DRAFTS, (store, done) => {
        const get = store.get(id);
        get.onsuccess = () => {
          const have = get.result;
          if (have && (Number(have.rev) || 0) !== rev) {
            done({ status: "conflict", rev: Number(have.rev) || 0, draft: String(have.draft) });
            return;
          }
          if (have) store.delete(id);
          done({ status: "removed", rev: 0 });
        };
      });
    },
    setPrefs(json) {
      return write(db, META, (store, done) => {
        try {
          store.put(json, "prefs");
        } catch (err) {
          done(failure(err));
          tx.abort();
          return;
        }
        done({ status: "saved", rev: 0 });
      });
    },
  };
}
