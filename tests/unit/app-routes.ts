import fs from "node:fs";
import path from "node:path";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

export interface AppFile {
  file: string;
  /** The URL pattern, with route groups like (clinical) removed. */
  url: string;
  kind: "page" | "route" | "actions";
  source: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Every page, route handler and server-action file under app/. */
export function listAppFiles(): AppFile[] {
  return walk(APP_DIR).flatMap((file): AppFile[] => {
    const base = path.basename(file);
    const kind = base === "page.tsx" ? "page" : base === "route.ts" ? "route" : base === "actions.ts" ? "actions" : null;
    if (!kind) return [];
    const segments = path
      .relative(APP_DIR, path.dirname(file))
      .split(path.sep)
      .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
    return [{ file: path.relative(path.resolve(APP_DIR, ".."), file), url: `/${segments.join("/")}`, kind, source: fs.readFileSync(file, "utf8") }];
  });
}

const ROOT = path.resolve(APP_DIR, "..");

/** Every TypeScript source file under the given top-level folders. */
export function listSourceFiles(folders: string[]): { file: string; source: string }[] {
  return folders.flatMap((folder) =>
    walk(path.join(ROOT, folder))
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => ({ file: path.relative(ROOT, f), source: fs.readFileSync(f, "utf8") })),
  );
}
