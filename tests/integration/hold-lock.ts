// Child process for lock.test.ts: opens the embedded database in a directory, writes a row, says so, waits.
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirectoryLock } from "@/db/lock";

const dir = process.argv[2] as string;
// As Next does to its server process: the lock must not rely on the holder being called "node".
process.title = "next-server (test)";
acquireDataDirectoryLock(dir);
const db = new PGlite(dir);
await db.exec("create table if not exists written (n int); insert into written values (1);");
process.stdout.write("ready\n");
setInterval(() => {}, 1000);
