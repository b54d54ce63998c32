/**
 * The PostgreSQL server `npm run soak` restarts: by default a private cluster made for the run on a free loopback
 * port (Debian's pg_createcluster, trust authentication, listening on localhost only) and dropped at the end, even on Ctrl-C or
 * failure, so the machine's own server is never touched; or an existing loopback server named by SOAK_DATABASE_URL
 * with the command that restarts it in SOAK_RESTART_COMMAND.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { promisify } from "node:util";
import { isLoopbackHost } from "@/lib/env";
import { onCleanup } from "./bench-lib";

export interface SoakDatabaseServer {
  /** A server URL (its own database is created by the caller). */
  url: string;
  describe: string;
  /** Restarts the server; resolves when the restart command has finished (the load keeps running meanwhile). */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
const runAsync = async (command: string, args: string[]) => {
  await promisify(execFile)(command, args);
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function postgresVersion(): string {
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0 || spawnSync("pg_createcluster", ["--help"]).error) {
    throw new Error("pg_createcluster (Debian's postgresql-common) was not found: set SOAK_DATABASE_URL and SOAK_RESTART_COMMAND to use an existing server");
  }
  return versions[0] as string;
}

async function privateCluster(log: (line: string) => void): Promise<SoakDatabaseServer> {
  const version = postgresVersion();
  const port = await freePort();
  const name = `mscc_soak_${process.pid}`;
  const cleanup = onCleanup(async () => {
    spawnSync("pg_dropcluster", ["--stop", version, name], { stdio: "ignore" });
  });
  log(`database: private PostgreSQL ${version} cluster ${name} on 127.0.0.1:${port} (dropped at the end)`);
  // listen_addresses stays at its default, localhost.
  run("pg_createcluster", [version, name, "-p", String(port), "--start-conf", "manual", "--", "--auth=trust"]);
  run("pg_ctlcluster", ["--skip-systemctl-redirect", version, name, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    describe: `private PostgreSQL ${version} cluster on 127.0.0.1:${port}`,
    // Fast: open connections are ended at once rather than waited for, as an operator's restart would.
    restart: () => runAsync("pg_ctlcluster", ["--skip-systemctl-redirect", "-m", "fast", version, name, "restart"]),
    cleanup,
  };
}

export async function soakDatabaseServer(log: (line: string) => void): Promise<SoakDatabaseServer> {
  const url = process.env.SOAK_DATABASE_URL;
  if (!url) return privateCluster(log);
  const command = process.env.SOAK_RESTART_COMMAND;
  if (!command) throw new Error("SOAK_DATABASE_URL needs SOAK_RESTART_COMMAND: the shell command that restarts that server");
  if (!isLoopbackHost(new URL(url).hostname)) throw new Error("The soak runs on loopback only: SOAK_DATABASE_URL must name localhost or 127.0.0.1");
  log(`database: the server at SOAK_DATABASE_URL, restarted by SOAK_RESTART_COMMAND`);
  return {
    url,
    describe: "PostgreSQL at SOAK_DATABASE_URL",
    restart: () => runAsync("sh", ["-c", command]),
    cleanup: async () => {},
  };
}
