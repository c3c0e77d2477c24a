#!/usr/bin/env node
// kontakt: the one command of the CRM (start, migrate, worker, setup, user, backup, restore, seed).
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { seedCommand, setupCommand, userAddCommand, workspaceAddCommand } from './cli/account-commands.ts';
import { backup, restore } from './platform/backup/backup.ts';
import { registerModuleWork } from './modules/work.ts';
import { createContext } from './platform/bootstrap.ts';
import type { AppContext } from './platform/context.ts';

type Command = (args: string[]) => Promise<void>;

// Opens the configured database for a one-shot command, prints its result and closes.
const withContext =
  (run: (ctx: AppContext, args: string[]) => Promise<string>): Command =>
  async (args) => {
    const ctx = await createContext(loadConfig());
    try {
      console.log(await run(ctx, args));
    } finally {
      await ctx.database.close();
    }
  };

const commands: Record<string, { help: string; run: Command }> = {
  start: {
    help: 'start the web server (and the job worker in the same process)',
    run: async () => {
      const config = loadConfig();
      const ctx = await createContext(config);
      const app = await buildApp(ctx, { logger: true, serveWeb: true });
      await registerModuleWork(ctx);
      ctx.worker.start();
      const close = async () => {
        await ctx.worker.stop();
        await ctx.notifications.stop();
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
  setup: {
    help: 'create the first workspace and administrator: --workspace NAME --email E --password P [--name N] [--locale ro]',
    run: withContext(setupCommand),
  },
  seed: {
    help: 'seed --demo [--workspace SLUG]: fill a workspace with demo data (once; the same data every time)',
    run: withContext(seedCommand),
  },
  user: {
    help: 'user add --workspace SLUG --email E --password P --name N [--admin] [--locale ro]',
    run: async (args) => {
      if (args[0] !== 'add') throw new Error('usage: kontakt user add --workspace SLUG --email E --password P --name N');
      await withContext(userAddCommand)(args.slice(1));
    },
  },
  worker: {
    help: 'run background jobs in this process only (several may run beside the servers)',
    run: async () => {
      const ctx = await createContext(loadConfig());
      await registerModuleWork(ctx);
      ctx.worker.start();
      console.log(`worker running (database: ${ctx.database.kind})`);
      const close = async () => {
        await ctx.worker.stop();
        await ctx.database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
    },
  },
  workspace: {
    help: 'workspace add --name NAME --email E --password P [--admin-name N] [--locale ro]: another company on this server',
    run: async (args) => {
      if (args[0] !== 'add') throw new Error('usage: kontakt workspace add --name NAME --email E --password P');
      await withContext(workspaceAddCommand)(args.slice(1));
    },
  },
  backup: {
    help: 'backup <file>: write the whole database and its files to one archive (works for both databases)',
    run: withContext(async (ctx, args) => {
      if (!args[0]) throw new Error('usage: kontakt backup <file>');
      const done = await backup(ctx.db, ctx.blobs, args[0]);
      return `backup written to ${args[0]} and read back whole: ${done.tables} tables, ${done.rows} rows, ${done.files} files`;
    }),
  },
  restore: {
    help: 'restore <file> [--force]: load an archive into this (empty, migrated) database',
    run: withContext(async (ctx, args) => {
      const file = args.find((a) => !a.startsWith('--'));
      if (!file) throw new Error('usage: kontakt restore <file> [--force]');
      const done = await restore(ctx.db, ctx.blobs, file, { force: args.includes('--force') });
      return `restored ${done.rows} rows and ${done.files} files from ${file}`;
    }),
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
