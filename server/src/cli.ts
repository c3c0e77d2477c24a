#!/usr/bin/env node
// kontakt: the one command of the CRM (start, migrate, worker, setup, user, backup, restore, seed).
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { createContext } from './platform/bootstrap.ts';

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, { help: string; run: Command }> = {
  start: {
    help: 'start the web server (and the job worker in the same process)',
    run: async () => {
      const config = loadConfig();
      const ctx = await createContext(config);
      const app = await buildApp(ctx, { logger: true, serveWeb: true });
      const close = async () => {
        await app.close();
        await ctx.database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      app.log.info(`Kontakt CRM on ${config.publicUrl} (database: ${ctx.database.kind})`);
    },
  },
  migrate: {
    help: 'apply pending database migrations',
    run: async () => {
      const config = loadConfig();
      const database = await openDatabase(
        config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` },
      );
      const { applied } = await migrate(database);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      await database.close();
    },
  },
};

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    const { values } = parseArgs({ args: rest, options: { help: { type: 'boolean' } }, strict: false });
    console.log('usage: kontakt <command> [options]\n');
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(10)} ${c.help}`);
    process.exit(name && !values.help ? 2 : 0);
  }
  await command.run(rest);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
