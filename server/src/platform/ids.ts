import { v7 } from 'uuid';

/** Time-ordered UUIDv7: ids made in the app sort by creation and index well. */
export const newId = (): string => v7();
