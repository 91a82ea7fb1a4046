/**
 * The add-in's production address, as `--base-url` gives it to build-addin and package: an absolute
 * https URL (Office loads add-ins over https only) without query or fragment. Returned without a
 * trailing slash, so a file's URL is the base, "/", and its path.
 */
export function checkBaseUrl(raw: string | undefined): string {
  const rule = "--base-url must be the absolute https URL the add-in's files will be served from, such as https://planner.example.com/addin";
  if (raw === undefined || raw.trim() === "")
    throw new Error(`${rule}: it is missing (the manifest and functions.json embed it, so the site cannot be built without it)`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${rule}, got "${raw}"`);
  }
  if (url.protocol !== "https:") throw new Error(`--base-url must use https (Office loads add-ins over https only), got "${raw}"`);
  if (url.search || url.hash) throw new Error(`${rule}, without a query or fragment, got "${raw}"`);
  return url.href.replace(/\/+$/, "");
}
