// Regenerates schema.ts from a fresh in-memory database migrated to the latest version.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchemaTypes } from './codegen.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

const database = await openDatabase({});
await migrate(database);
const file = join(import.meta.dirname, 'schema.ts');
writeFileSync(file, await generateSchemaTypes(database.db));
await database.close();
console.log(`wrote ${file}`);
