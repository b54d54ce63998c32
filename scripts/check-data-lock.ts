import "./load-env";
import path from "node:path";
import { DataDirectoryLockedError, findLockHolder } from "@/db/lock";

/**
 * Before `npm run dev` / `npm start`: stop at once, with the holder named, when another process already uses
 * the embedded database. (The server takes the lock itself as well; this only says so before Next starts.)
 */
if (!process.env.DATABASE_URL) {
  const dir = path.resolve(process.env.MSCC_DATA_DIR || ".data");
  const holder = findLockHolder(dir);
  if (holder) {
    console.error(`\n[mscc] ${new DataDirectoryLockedError(dir, holder).message}\n`);
    process.exit(1);
  }
}
