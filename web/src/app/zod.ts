import { z } from 'zod';

// zod compiles object schemas with `new Function` where it may, and probes for that on first use; the
// app's Content-Security-Policy forbids eval (script-src 'self'), so every screen with a form reported a
// violation. Without the compiler zod validates the same, a little slower on huge objects we do not have.
z.config({ jitless: true });

/** zod for the web app: import it from here, so the setting above is made before any schema is used. */
export { z };
